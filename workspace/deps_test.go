package workspace

import (
	"go/build"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/tailor-email/tailor/"

// deps returns the packages of this module that pkg (a path in it, such
// as "render") imports, directly or not, outside tests.
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	seen := map[string]bool{}
	var walk func(string)
	walk = func(p string) {
		bp, err := build.ImportDir(filepath.Join("..", filepath.FromSlash(p)), 0)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, imp := range bp.Imports {
			if rest, ok := strings.CutPrefix(imp, module); ok && !seen[rest] {
				seen[rest] = true
				walk(rest)
			}
		}
	}
	walk(pkg)
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// TestStagesImportNothingAbove: the workspace and the engine import no
// consumer of a tailor.yaml section (a server, delivery, the data
// sources), no output stage and no command; the workspace does not import
// the engine.
func TestStagesImportNothingAbove(t *testing.T) {
	above := []string{"serve", "preview", "smtp", "segment/source", "batch", "message", "reload", "cmd", "check", "golden"}
	for _, pkg := range []string{"workspace", "render"} {
		got := deps(t, pkg)
		if !slices.Contains(got, "segment") {
			t.Fatalf("%s: deps %v miss segment: the walk is wrong", pkg, got)
		}
		for _, d := range got {
			for _, a := range above {
				if d == a || strings.HasPrefix(d, a+"/") {
					t.Errorf("%s imports %s (deps: %s)", pkg, d, strings.Join(got, " "))
				}
			}
			if pkg == "workspace" && (d == "render" || strings.HasPrefix(d, "render/")) {
				t.Errorf("workspace imports the engine: %s", d)
			}
		}
	}
}
