package main

import (
	"bytes"
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"os"
	"path/filepath"
	"testing"
)

// TestRun writes the two files with one send a line.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	if err := run([]string{"-out", dir, "-sends", "500", "-lift", "0"}, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	sends, err := os.ReadFile(filepath.Join(dir, "sends.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	outcomes, err := os.ReadFile(filepath.Join(dir, "outcomes.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(sends, []byte("\n")); n != 500 || len(outcomes) == 0 {
		t.Errorf("%d sends, %d bytes of outcomes", n, len(outcomes))
	}
	if err := run(nil, &stderr); err == nil {
		t.Error("no -out: no error")
	}
}
