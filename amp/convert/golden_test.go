package convert

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.amp.html from the current output")

// TestDocumentGolden converts a masked email (testdata/*.html) and
// compares it with testdata/*.amp.html. Run with -update to accept.
func TestDocumentGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, f := range files {
		if strings.HasSuffix(f, ".amp.html") {
			continue
		}
		in, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := Document(string(in), ".extra { color: red !important }")
		if len(r.Problems) != 0 {
			t.Errorf("%s: problems %v", f, r.Problems)
		}
		golden := strings.TrimSuffix(f, ".html") + ".amp.html"
		if *update {
			if err := os.WriteFile(golden, []byte(r.HTML), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if r.HTML != string(want) {
			t.Errorf("%s differs from %s:\n%s", f, golden, lineDiff(string(want), r.HTML))
		}
	}
}

// lineDiff lists the lines that differ, "-" from want and "+" from got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl + "\n")
		}
	}
	return b.String()
}
