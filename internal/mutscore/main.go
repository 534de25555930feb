package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"time"
)

func main() {
	threshold := flag.Float64("threshold", 90, "the lowest score a target may have, in percent")
	equivalent := flag.String("equivalent", "", "a list of mutants judged equivalent")
	root := flag.String("root", ".", "the module the reports were made in, for -equivalent and -recheck")
	recheck := flag.Bool("recheck", false, "run the package tests against the mutants marked not covered, in the module at -root (a copy: its files are changed)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: mutscore [-threshold P] [-equivalent LIST -root DIR] LABEL=DIR=REPORT.json...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var list []Equivalent
	if *equivalent != "" {
		f, err := os.Open(*equivalent)
		if err == nil {
			list, err = ReadEquivalents(f)
			f.Close()
		}
		check(err)
	}
	var targets []Target
	for _, arg := range flag.Args() {
		t, err := Load(arg)
		check(err)
		if *recheck {
			check(t.Recheck(*root, 5*time.Minute))
		}
		check(t.MarkEquivalents(list, *root))
		targets = append(targets, t)
	}
	if !Print(os.Stdout, targets, *threshold) {
		os.Exit(1)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "mutscore:", err)
		os.Exit(2)
	}
}

// Report is the part of a gremlins JSON report that mutscore reads.
type Report struct {
	Files []struct {
		Name      string     `json:"file_name"`
		Mutations []Mutation `json:"mutations"`
	} `json:"files"`
}

// Mutation is one mutant of a gremlins report.
type Mutation struct {
	Type   string `json:"type"`
	Status string `json:"status"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Mutant is a Mutation with the file it is in, relative to the module root.
type Mutant struct {
	Mutation
	File string
}

// Target is one target's mutants.
type Target struct {
	Label   string
	Mutants []Mutant
}

// Load reads the argument LABEL=DIR=REPORT.json.
func Load(arg string) (Target, error) {
	parts := strings.SplitN(arg, "=", 3)
	if len(parts) != 3 {
		return Target{}, fmt.Errorf("%q: want LABEL=DIR=REPORT.json", arg)
	}
	f, err := os.Open(parts[2])
	if err != nil {
		return Target{}, err
	}
	defer f.Close()
	return Parse(parts[0], parts[1], f)
}

// Parse reads a gremlins report of the target label, run in dir.
func Parse(label, dir string, r io.Reader) (Target, error) {
	var rep Report
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return Target{}, fmt.Errorf("%s: %w", label, err)
	}
	t := Target{Label: label}
	for _, f := range rep.Files {
		for _, m := range f.Mutations {
			t.Mutants = append(t.Mutants, Mutant{Mutation: m, File: path.Join(dir, f.Name)})
		}
	}
	sort.Slice(t.Mutants, func(i, j int) bool {
		a, b := t.Mutants[i], t.Mutants[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return t, nil
}

// Score is a target's tally.
type Score struct {
	Killed, Lived, TimedOut, NotCovered, NotViable, Equivalent int
}

// Tally counts t's mutants by status.
func (t Target) Tally() Score {
	var s Score
	for _, m := range t.Mutants {
		switch m.Status {
		case "KILLED":
			s.Killed++
		case "TIMED OUT":
			s.TimedOut++
		case "NOT COVERED":
			s.NotCovered++
		case "NOT VIABLE":
			s.NotViable++
		case "EQUIVALENT":
			s.Equivalent++
		default: // LIVED, and anything this version does not know
			s.Lived++
		}
	}
	return s
}

// Percent is the score: killed (with timeouts) over killed and lived (with
// the not covered), or 100 when there is no mutant to count.
func (s Score) Percent() float64 {
	killed := s.Killed + s.TimedOut
	all := killed + s.Lived + s.NotCovered
	if all == 0 {
		return 100
	}
	return 100 * float64(killed) / float64(all)
}

// Survived reports whether a mutant counts against the score.
func (m Mutant) Survived() bool {
	switch m.Status {
	case "KILLED", "TIMED OUT", "NOT VIABLE", "EQUIVALENT":
		return false
	}
	return true
}

// Print writes the table of scores and the surviving mutants, and
// reports whether every target reaches threshold.
func Print(w io.Writer, targets []Target, threshold float64) bool {
	ok := true
	fmt.Fprintf(w, "%-40s %6s %6s %7s %7s %7s %6s %7s\n", "target", "killed", "lived", "timeout", "uncovd", "unbuilt", "equiv", "score")
	for _, t := range targets {
		s := t.Tally()
		mark := ""
		if s.Percent() < threshold {
			mark, ok = "  < "+fmt.Sprint(threshold), false
		}
		fmt.Fprintf(w, "%-40s %6d %6d %7d %7d %7d %6d %6.1f%%%s\n", t.Label, s.Killed, s.Lived, s.TimedOut, s.NotCovered, s.NotViable, s.Equivalent, s.Percent(), mark)
	}
	for _, t := range targets {
		for _, m := range t.Mutants {
			if m.Survived() {
				fmt.Fprintf(w, "survived: %s:%d:%d %s (%s)\n", m.File, m.Line, m.Column, m.Type, strings.ToLower(m.Status))
			}
		}
	}
	return ok
}
