package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/goldentest"
)

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
		goldentest.Check(t, strings.TrimSuffix(f, ".html")+".amp.html", r.HTML)
	}
}
