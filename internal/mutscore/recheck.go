package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// swaps gives, for each mutation type, what gremlins writes in place of
// an operator.
var swaps = map[string]map[string]string{
	"CONDITIONALS_NEGATION": {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"},
	"CONDITIONALS_BOUNDARY": {"<": "<=", "<=": "<", ">": ">=", ">=": ">"},
	"ARITHMETIC_BASE":       {"+": "-", "-": "+", "*": "/", "/": "*", "%": "*"},
	"INCREMENT_DECREMENT":   {"++": "--", "--": "++"},
	"INVERT_NEGATIVES":      {"-": " "},
}

// Mutate returns src with the mutation of type typ applied to the
// operator at line and column (from 1), or an error when there is no
// operator of that type there.
func Mutate(src []byte, line, col int, typ string) ([]byte, error) {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(string(src[off:]), '\n')
		if i < 0 {
			return nil, fmt.Errorf("no line %d", line)
		}
		off += i + 1
	}
	off += col - 1
	for _, n := range []int{2, 1} { // the longest operator first
		if off+n > len(src) {
			continue
		}
		if to, ok := swaps[typ][string(src[off:off+n])]; ok {
			out := append([]byte(nil), src[:off]...)
			out = append(out, to...)
			return append(out, src[off+n:]...), nil
		}
	}
	return nil, fmt.Errorf("%d:%d: no %s operator", line, col, typ)
}

// Recheck runs the package tests against each mutant gremlins marked NOT
// COVERED, in the module at root (a copy: files are changed in place and
// put back). gremlins judges coverage by Go's coverage blocks, and the
// condition of a later case in an expression-less switch is in none, so
// it skips mutants the tests do run. A rechecked mutant is KILLED when
// the tests fail, LIVED when they pass, NOT VIABLE when it does not
// build; a test run past timeout counts as killed, as in gremlins.
func (t *Target) Recheck(root string, timeout time.Duration) error {
	for i := range t.Mutants {
		m := &t.Mutants[i]
		if m.Status != "NOT COVERED" {
			continue
		}
		path := filepath.Join(root, m.File)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		mut, err := Mutate(src, m.Line, m.Column, m.Type)
		if err != nil {
			continue // not one this knows: it stays not covered
		}
		if err := os.WriteFile(path, mut, 0o644); err != nil {
			return err
		}
		m.Status = runTests(root, "./"+filepath.Dir(m.File), timeout)
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func runTests(root, pkg string, timeout time.Duration) string {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-failfast", pkg)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	switch {
	case ctx.Err() != nil:
		return "TIMED OUT"
	case err == nil:
		return "LIVED"
	case strings.Contains(string(out), "[build failed]") || strings.Contains(string(out), "[setup failed]"):
		return "NOT VIABLE"
	}
	return "KILLED"
}
