package goldentest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what the check reported.
type recorder struct {
	testing.TB
	errors, fatals []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, format)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, format)
}
func (r *recorder) Fatal(args ...any) { r.fatals = append(r.fatals, "fatal") }

func TestCheck(t *testing.T) {
	if Update() {
		t.Skip("-update rewrites golden files; this test checks comparing")
	}
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	same := &recorder{TB: t}
	Check(same, path, "a\nb\nc\n")
	Check(same, path, []byte("a\nb\nc\n"))
	if len(same.errors)+len(same.fatals) != 0 {
		t.Errorf("equal output reported: %v %v", same.errors, same.fatals)
	}
	differs := &recorder{TB: t}
	Check(differs, path, "a\nB\nc\n")
	if len(differs.errors) != 1 || len(differs.fatals) != 0 {
		t.Errorf("a different output: errors %v, fatals %v; want one error", differs.errors, differs.fatals)
	}
	missing := &recorder{TB: t}
	Check(missing, path+".none", "x")
	if len(missing.fatals) != 1 || !strings.Contains(missing.fatals[0], "-update") {
		t.Errorf("a missing golden: fatals %v, want one naming -update", missing.fatals)
	}
}

// TestDiff: a unified diff names the golden file and shows only the
// changed line with its context.
func TestDiff(t *testing.T) {
	if d := Diff("g", []byte("same\n"), "same\n"); d != "" {
		t.Errorf("Diff of equal texts = %q, want empty", d)
	}
	d := Diff("g.txt", []byte("one\ntwo\nthree\n"), "one\n2\nthree\n")
	for _, want := range []string{"--- g.txt", "+++ got", "-two", "+2", " one"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
}

// TestCheckUpdates: with -update, the output is written as it is, into
// a folder made for it, and nothing is reported.
func TestCheckUpdates(t *testing.T) {
	was := *update
	*update = true
	defer func() { *update = was }()
	path := filepath.Join(t.TempDir(), "new", "x.golden")
	r := &recorder{TB: t}
	Check(r, path, []byte("é\r\nno newline"))
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "é\r\nno newline" || len(r.errors)+len(r.fatals) != 0 {
		t.Errorf("wrote %q (%v), reported %v %v", got, err, r.errors, r.fatals)
	}
}
