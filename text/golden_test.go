package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/goldentest"
)

// TestGolden converts each testdata/*.html (real email templates, see
// testdata/README.md) and compares the result with testdata/*.txt, the
// FromHTML output, and testdata/*.wrapped.txt, that output wrapped at 72
// columns (not for masked documents, which the engine wraps after running
// the template). Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/*.html")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(in, ".html")
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := FromHTML(string(src))
			goldentest.Check(t, name+".txt", got+"\n")
			if !strings.Contains(got, "<!--tlr:") {
				// Masked text is wrapped only after the template runs.
				goldentest.Check(t, name+".wrapped.txt", Wrap(got, 72)+"\n")
			}
		})
	}
}

// BenchmarkFromHTML converts the largest real template of testdata (36 KB,
// the Cerberus hybrid layout).
func BenchmarkFromHTML(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "cerberus-hybrid.html"))
	if err != nil {
		b.Fatal(err)
	}
	doc := string(src)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		FromHTML(doc)
	}
}
