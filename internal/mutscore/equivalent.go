package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Equivalent names a mutant judged equivalent: no input can make the
// mutated program behave differently, so no test can kill it. It is
// named by its source line's text rather than its number, so that the
// entry holds while code above it moves and lapses when the line changes.
type Equivalent struct {
	File string // relative to the module root
	Type string // gremlins' mutation type
	Col  int    // the operator's column in the line, indentation left out, from 1
	Text string // the line, without its indentation
}

// ReadEquivalents reads a list of equivalent mutants: one per line,
// "FILE<tab>TYPE<tab>COL<tab>TEXT"; blank lines and lines starting with #
// are skipped.
func ReadEquivalents(r io.Reader) ([]Equivalent, error) {
	var list []Equivalent
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 4)
		col, err := 0, error(nil)
		if len(f) == 4 {
			col, err = strconv.Atoi(f[2])
		}
		if len(f) != 4 || err != nil || col < 1 {
			return nil, fmt.Errorf("line %d: want FILE<tab>TYPE<tab>COL<tab>TEXT", n)
		}
		list = append(list, Equivalent{File: f[0], Type: f[1], Col: col, Text: strings.TrimSpace(f[3])})
	}
	return list, sc.Err()
}

// MarkEquivalents gives the status EQUIVALENT to each of t's surviving
// mutants that list names, reading their lines in the module at root.
func (t *Target) MarkEquivalents(list []Equivalent, root string) error {
	lines := map[string][]string{}
	for i := range t.Mutants {
		m := &t.Mutants[i]
		if !m.Survived() || m.Status == "NOT COVERED" {
			continue
		}
		if _, ok := lines[m.File]; !ok {
			b, err := os.ReadFile(filepath.Join(root, m.File))
			if err != nil {
				return err
			}
			lines[m.File] = strings.Split(string(b), "\n")
		}
		src := lines[m.File]
		if m.Line < 1 || m.Line > len(src) {
			continue
		}
		text := strings.TrimLeft(src[m.Line-1], " \t")
		col := m.Column - (len(src[m.Line-1]) - len(text))
		for _, e := range list {
			if e.File == m.File && e.Type == m.Type && e.Col == col && e.Text == strings.TrimSpace(text) {
				m.Status = "EQUIVALENT"
			}
		}
	}
	return nil
}
