package goldentest

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// self is this package's import path.
const self = "github.com/tailor-email/tailor/internal/goldentest"

// TestEveryTestBinaryTakesUpdate holds DESIGN's "go test ./... -update"
// to working: go test hands -update to every test binary, and one that
// does not define it fails with "flag provided but not defined". So each
// package of the module that has tests imports this package, which
// defines the flag, from one of its test files; a blank import where it
// has no golden. .ci/run runs the command itself, with no test selected.
func TestEveryTestBinaryTakesUpdate(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	const format = `{{.ImportPath}}|{{len .TestGoFiles}}{{len .XTestGoFiles}}|` +
		`{{join .TestImports " "}} {{join .XTestImports " "}}`
	cmd := exec.Command("go", "list", "-f", format, "github.com/tailor-email/tailor/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	tested := 0
	for line := range strings.Lines(string(out)) {
		path, rest, _ := strings.Cut(strings.TrimSpace(line), "|")
		counts, imports, _ := strings.Cut(rest, "|")
		if counts == "00" || path == self {
			continue
		}
		tested++
		if !strings.Contains(" "+imports+" ", " "+self+" ") {
			t.Errorf("%s: no test file imports %s, so go test ./... -update fails there "+
				"(flag provided but not defined); add _ %q to one", path, self, self)
		}
	}
	if tested < 10 {
		t.Fatalf("go list found %d tested packages; expected the whole module:\n%s", tested, out)
	}
}
