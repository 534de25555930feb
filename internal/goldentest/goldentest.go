package goldentest

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

// update is the -update flag of every test binary that imports the
// package: the flag package needs it registered once, at start-up.
var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// Update reports whether the test run rewrites golden files (-update).
func Update() bool { return *update }

// Check compares got with the golden file at path, failing t with a
// unified diff when they differ. With -update it writes got to path
// instead, creating the file's folder.
func Check[T ~string | ~[]byte](t testing.TB, path string, got T) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if d := Diff(path, want, got); d != "" {
		t.Errorf("%s differs (go test -update to accept):\n%s", path, d)
	}
}

// Diff is a unified diff from want, named name, to got; "" when they are
// the same.
func Diff[T ~string | ~[]byte](name string, want []byte, got T) string {
	return string(diff.Diff(name, want, "got", []byte(got)))
}
