package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// report is a gremlins report of 10 mutants: 6 killed, 2 timed out, 1
// lived, 1 not covered, and 1 that did not build.
const report = `{"go_module":"example.com/m","files":[
 {"file_name":"b.go","mutations":[
  {"type":"CONDITIONALS_NEGATION","status":"KILLED","line":3,"column":5},
  {"type":"CONDITIONALS_NEGATION","status":"LIVED","line":9,"column":2},
  {"type":"ARITHMETIC_BASE","status":"NOT COVERED","line":4,"column":7}]},
 {"file_name":"a.go","mutations":[
  {"type":"CONDITIONALS_BOUNDARY","status":"KILLED","line":1,"column":1},
  {"type":"CONDITIONALS_BOUNDARY","status":"KILLED","line":2,"column":1},
  {"type":"CONDITIONALS_BOUNDARY","status":"KILLED","line":5,"column":1},
  {"type":"CONDITIONALS_BOUNDARY","status":"KILLED","line":6,"column":1},
  {"type":"CONDITIONALS_BOUNDARY","status":"KILLED","line":7,"column":1},
  {"type":"INCREMENT_DECREMENT","status":"TIMED OUT","line":8,"column":1},
  {"type":"INCREMENT_DECREMENT","status":"TIMED OUT","line":9,"column":1},
  {"type":"INVERT_NEGATIVES","status":"NOT VIABLE","line":10,"column":1}]}]}`

func parse(t *testing.T) Target {
	t.Helper()
	tg, err := Parse("pkg:a.go,b.go", "pkg", strings.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// TestScoreCountsTimeoutsAsKilledAndUncoveredAsLived: 6 killed and 2
// timed out of 10 counted (the unbuilt one is left out) is 80%.
func TestScoreCountsTimeoutsAsKilledAndUncoveredAsLived(t *testing.T) {
	s := parse(t).Tally()
	want := Score{Killed: 6, Lived: 1, TimedOut: 2, NotCovered: 1, NotViable: 1}
	if s != want {
		t.Fatalf("tally %+v, want %+v", s, want)
	}
	if p := s.Percent(); p != 80 {
		t.Errorf("score %v, want 80", p)
	}
	if p := (Score{}).Percent(); p != 100 {
		t.Errorf("score of no mutant %v, want 100", p)
	}
}

// TestPrintNamesSurvivorsAndFailsUnderThreshold: the survivors are
// listed as DIR/FILE:LINE:COL in file order, and a target under the
// threshold fails the run, one at it passes.
func TestPrintNamesSurvivorsAndFailsUnderThreshold(t *testing.T) {
	tg := parse(t)
	var b strings.Builder
	if Print(&b, []Target{tg}, 90) {
		t.Errorf("80%% passed a threshold of 90%%:\n%s", b.String())
	}
	out := b.String()
	want := "survived: pkg/b.go:4:7 ARITHMETIC_BASE (not covered)\nsurvived: pkg/b.go:9:2 CONDITIONALS_NEGATION (lived)\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("output:\n%s\nwant it to end with:\n%s", out, want)
	}
	if !strings.Contains(out, "80.0%  < 90") {
		t.Errorf("output does not mark the score under the threshold:\n%s", out)
	}
	if !Print(&b, []Target{tg}, 80) {
		t.Error("80% failed a threshold of 80%")
	}
}

func TestLoadRefusesAMalformedArgument(t *testing.T) {
	if _, err := Load("pkg=report.json"); err == nil {
		t.Error("LABEL=REPORT without DIR was accepted")
	}
	if _, err := Parse("x", "x", strings.NewReader("{")); err == nil {
		t.Error("a truncated report was accepted")
	}
}

// TestEquivalentsAreLeftOutOfTheScore: a survivor the list names by its
// file, type, column and line text counts as equivalent, not as lived;
// one at another column of the same line, or a killed one, is untouched.
func TestEquivalentsAreLeftOutOfTheScore(t *testing.T) {
	root := t.TempDir()
	src := "package p\n\nfunc f(a, b int) bool {\n\treturn a < b || b < 0\n}\n"
	if err := os.MkdirAll(filepath.Join(root, "pkg"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "pkg", "a.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := `{"files":[{"file_name":"a.go","mutations":[
  {"type":"CONDITIONALS_BOUNDARY","status":"LIVED","line":4,"column":11},
  {"type":"CONDITIONALS_BOUNDARY","status":"LIVED","line":4,"column":20},
  {"type":"CONDITIONALS_NEGATION","status":"KILLED","line":4,"column":11}]}]}`
	tg, err := Parse("pkg", "pkg", strings.NewReader(rep))
	if err != nil {
		t.Fatal(err)
	}
	list, err := ReadEquivalents(strings.NewReader("# a comment\n\npkg/a.go\tCONDITIONALS_BOUNDARY\t10\treturn a < b || b < 0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := tg.MarkEquivalents(list, root); err != nil {
		t.Fatal(err)
	}
	if s := tg.Tally(); s != (Score{Killed: 1, Lived: 1, Equivalent: 1}) || s.Percent() != 50 {
		t.Errorf("tally %+v, score %v; want 1 killed, 1 lived, 1 equivalent: 50%%", s, s.Percent())
	}
	if _, err := ReadEquivalents(strings.NewReader("pkg/a.go\tTYPE\tx\ttext\n")); err == nil {
		t.Error("a column that is not a number was accepted")
	}
}

// TestMutateAsGremlins: each type swaps the operator at the column, the
// longest first, and a column without one is an error.
func TestMutateAsGremlins(t *testing.T) {
	src := []byte("package p\n\nvar x = a <= b && c == -d\n")
	for _, tt := range []struct {
		col       int
		typ, want string
	}{
		{11, "CONDITIONALS_BOUNDARY", "var x = a < b && c == -d"},
		{11, "CONDITIONALS_NEGATION", "var x = a > b && c == -d"},
		{21, "CONDITIONALS_NEGATION", "var x = a <= b && c != -d"},
		{24, "INVERT_NEGATIVES", "var x = a <= b && c ==  d"},
	} {
		out, err := Mutate(src, 3, tt.col, tt.typ)
		if err != nil || strings.Split(string(out), "\n")[2] != tt.want {
			t.Errorf("%d %s: %q, %v; want %q", tt.col, tt.typ, out, err, tt.want)
		}
	}
	if _, err := Mutate(src, 3, 9, "CONDITIONALS_NEGATION"); err == nil {
		t.Error("a column without an operator was mutated")
	}
}

// TestRecheckRunsWhatGremlinsSkips: a mutant of a later switch case,
// which gremlins reports not covered, is run; the tests kill it, and
// the file is as it was after.
func TestRecheckRunsWhatGremlinsSkips(t *testing.T) {
	root := t.TempDir()
	src := "package p\n\nfunc F(a int) string {\n\tswitch {\n\tcase a < 0:\n\t\treturn \"neg\"\n\tcase a > 9:\n\t\treturn \"big\"\n\t}\n\treturn \"small\"\n}\n"
	files := map[string]string{
		"go.mod":      "module example.com/m\n\ngo 1.22\n",
		"p/p.go":      src,
		"p/p_test.go": "package p\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) {\n\tif F(10) != \"big\" || F(9) != \"small\" {\n\t\tt.Fatal(F(10), F(9))\n\t}\n}\n",
	}
	for name, body := range files {
		os.MkdirAll(filepath.Join(root, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(root, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tg := Target{Label: "p", Mutants: []Mutant{{File: "p/p.go", Mutation: Mutation{Type: "CONDITIONALS_BOUNDARY", Status: "NOT COVERED", Line: 7, Column: 9}}}}
	if err := tg.Recheck(root, time.Minute); err != nil {
		t.Fatal(err)
	}
	if tg.Mutants[0].Status != "KILLED" {
		t.Errorf("status %s, want KILLED", tg.Mutants[0].Status)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "p/p.go")); string(b) != src {
		t.Errorf("the file was not put back:\n%s", b)
	}
}
