package inline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/goldentest"
)

// goldenInputs returns the testdata documents that have goldens.
func goldenInputs(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".golden.html") {
			inputs = append(inputs, f)
		}
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/*.html")
	}
	return inputs
}

func TestGolden(t *testing.T) {
	for _, in := range goldenInputs(t) {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Document(string(src), WithName(in))
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, strings.TrimSuffix(in, ".html")+".golden.html", got)
		})
	}
}

// TestStable checks that output is deterministic and that inlining
// inlined output changes nothing more, on the goldens and juice's cases.
func TestStable(t *testing.T) {
	docs := map[string]string{}
	for _, in := range goldenInputs(t) {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		docs[in] = string(src)
	}
	for name, doc := range docs {
		first, err := Document(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again, err := Document(doc)
		if err != nil || again != first {
			t.Errorf("%s: second run differs (err %v):\n%s", name, err, goldentest.Diff(name, []byte(first), again))
		}
		twice, err := Document(first)
		if err != nil || twice != first {
			t.Errorf("%s: inlining the output changes it (err %v):\n%s", name, err, goldentest.Diff(name, []byte(first), twice))
		}
	}
}
