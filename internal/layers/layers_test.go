package layers

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// listed runs go list over the module with the given template and returns
// one line per package.
func listed(t *testing.T, format string) []string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command("go", "list", "-f", format, Module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// rel is an import path relative to the module, and false outside it.
func rel(path string) (string, bool) {
	if path == Module {
		return ".", true
	}
	r, ok := strings.CutPrefix(path, Module+"/")
	return r, ok
}

func TestImportsGoDownTheStages(t *testing.T) {
	for _, line := range listed(t, `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`) {
		f := strings.Fields(line)
		from, _ := rel(f[0])
		sf, ok := Of(from)
		if !ok {
			t.Errorf("%s is in no stage: place it in layers.stages", from)
			continue
		}
		for _, imp := range f[1:] {
			to, ok := rel(imp)
			if !ok {
				continue
			}
			if st, _ := Of(to); st > sf {
				t.Errorf("%s (%s) imports %s (%s), a later stage", from, sf, to, st)
			}
		}
	}
}

func TestForbiddenDependencies(t *testing.T) {
	for _, line := range listed(t, `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`) {
		f := strings.Fields(line)
		from, _ := rel(f[0])
		for dir, banned := range Forbidden {
			if from != dir && !strings.HasPrefix(from, dir+"/") {
				continue
			}
			for _, dep := range f[1:] {
				to, ok := rel(dep)
				if !ok {
					continue
				}
				for _, b := range banned {
					if to == b || strings.HasPrefix(to, b+"/") {
						t.Errorf("%s depends on %s (through its imports): %s must not", from, to, dir)
					}
				}
			}
		}
	}
}

func TestOf(t *testing.T) {
	tests := []struct {
		rel  string
		want Stage
		ok   bool
	}{
		{"render", Engine, true},
		{"render/executor", Engine, true},
		{"render/internal/escape", Engine, true},
		{"amp/validator/official", Lib, true},
		{"serve/events", App, true},
		{"cmd/tailor", Cmd, true},
		{"renderer", 0, false},
		{"nowhere/else", 0, false},
		{".", 0, false},
	}
	for _, tt := range tests {
		got, ok := Of(tt.rel)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Of(%q) = %v, %v; want %v, %v", tt.rel, got, ok, tt.want, tt.ok)
		}
	}
}
