package official

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
)

// EnvVar names the environment variable holding the wrapper's path.
const EnvVar = "TAILOR_AMP_VALIDATOR"

// Result is the official validator's verdict on one file.
type Result struct {
	Status string  `json:"status"` // PASS or FAIL
	Errors []Error `json:"errors"`
}

// Error is one error or warning as the official validator reports it.
type Error struct {
	Severity string   `json:"severity"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Message  string   `json:"message"`
	SpecURL  string   `json:"specUrl"`
	Code     string   `json:"code"`
	Params   []string `json:"params"`
}

// Wrapper returns the path of the official validator wrapper, or ends the
// test: a skip outside CI, a failure in CI.
func Wrapper(t testing.TB) string {
	t.Helper()
	path := os.Getenv(EnvVar)
	if path == "" {
		const why = "official AMP validator not installed: set " + EnvVar + "=$(bash .ci/amp-validator.sh)"
		if os.Getenv("CI") == "true" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s=%s: %v", EnvVar, path, err)
	}
	return path
}

// Check runs the official validator over files (AMP4EMAIL) and returns its
// verdict per file, keyed by the path as given.
func Check(t testing.TB, files ...string) map[string]Result {
	t.Helper()
	wrapper := Wrapper(t)
	abs := make([]string, len(files))
	for i, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			t.Fatalf("official validator: %v", err)
		}
		abs[i] = a
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(wrapper, append([]string{"--format", "json"}, abs...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("official validator: run %s: %v", wrapper, err)
	}
	byAbs := map[string]Result{}
	if err := json.Unmarshal(stdout.Bytes(), &byAbs); err != nil {
		t.Fatalf("official validator: bad output (%v): %s%s", err, stdout.String(), stderr.String())
	}
	out := make(map[string]Result, len(files))
	for i, f := range files {
		r, ok := byAbs[abs[i]]
		if !ok {
			t.Fatalf("official validator: no verdict for %s: %s", f, stderr.String())
		}
		out[f] = r
	}
	return out
}

// Validate runs the official validator over files and fails the test for
// each file that does not PASS, listing its errors.
func Validate(t testing.TB, files ...string) {
	t.Helper()
	res := Check(t, files...)
	for _, f := range files {
		if r := res[f]; r.Status != "PASS" {
			t.Errorf("official AMP validator: %s: %s\n%s", f, r.Status, r.describe(f))
		}
	}
}

func (r Result) describe(file string) string {
	var b bytes.Buffer
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "  %s:%d:%d %s %s (see %s)\n", file, e.Line, e.Col, e.Severity, e.Message, e.SpecURL)
	}
	return b.String()
}

// ValidateDocs writes each document (keyed by a name such as
// "welcome-alice") to a temporary file and runs Validate over all of them
// in one call of the official validator.
func ValidateDocs(t testing.TB, docs map[string][]byte) {
	t.Helper()
	Wrapper(t)
	dir, err := os.MkdirTemp("", "amp-official-")
	if err != nil {
		t.Fatalf("official validator: %v", err)
	}
	defer os.RemoveAll(dir)
	names := make([]string, 0, len(docs))
	for name := range docs {
		names = append(names, name)
	}
	sort.Strings(names)
	files := make([]string, len(names))
	for i, name := range names {
		files[i] = filepath.Join(dir, fmt.Sprintf("%03d-%s.html", i, sanitize(name)))
		if err := os.WriteFile(files[i], docs[name], 0o644); err != nil {
			t.Fatalf("official validator: %v", err)
		}
	}
	Validate(t, files...)
}

// sanitize keeps a name usable as a file name.
func sanitize(name string) string {
	b := []byte(name)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			b[i] = '_'
		}
	}
	return string(b)
}
