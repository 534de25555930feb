package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeInstall runs the go install line of the README's Install
// section as written, from the root of the repository (where a user who
// cloned it stands), into a GOBIN of its own, and runs the tailor it
// built.
func TestReadmeInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds tailor with go install")
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, install, ok := strings.Cut(string(readme), "\n## Install\n")
	if !ok {
		t.Fatal("README.md has no Install section")
	}
	var line string
	for l := range strings.Lines(install) {
		if strings.HasPrefix(l, "go install ") {
			line, _, _ = strings.Cut(strings.TrimSpace(l), "#")
			break
		}
	}
	if strings.TrimSpace(line) != "go install ./cmd/tailor" {
		t.Fatalf("the README installs with %q, want go install ./cmd/tailor", line)
	}
	gobin := t.TempDir()
	args := strings.Fields(line)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "GOBIN="+gobin)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", line, err, out)
	}
	out, err := exec.Command(filepath.Join(gobin, "tailor"), "help").Output()
	if err != nil || !strings.Contains(string(out), "Commands:") {
		t.Fatalf("the installed tailor help: %v\n%s", err, out)
	}
	out, err = exec.Command(filepath.Join(gobin, "tailor"), "--version").Output()
	if err != nil || !strings.HasPrefix(string(out), "tailor ") || !strings.Contains(string(out), " go1.") {
		t.Fatalf("the installed tailor --version: %v\n%s", err, out)
	}
	t.Logf("the installed tailor --version: %s", out)
}
