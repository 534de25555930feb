package inline

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.html from the current output")

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
			golden := strings.TrimSuffix(in, ".html") + ".golden.html"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", golden, lineDiff(string(want), got))
			}
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
			t.Errorf("%s: second run differs (err %v):\n%s", name, err, lineDiff(first, again))
		}
		twice, err := Document(first)
		if err != nil || twice != first {
			t.Errorf("%s: inlining the output changes it (err %v):\n%s", name, err, lineDiff(first, twice))
		}
	}
}

// lineDiff shows the lines where want and got differ, with a line of
// context, as "-want" and "+got".
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	start := 0
	for start < len(w) && start < len(g) && w[start] == g[start] {
		start++
	}
	ew, eg := len(w), len(g)
	for ew > start && eg > start && w[ew-1] == g[eg-1] {
		ew, eg = ew-1, eg-1
	}
	var b strings.Builder
	if start > 0 {
		fmt.Fprintf(&b, "@@ line %d\n  %s\n", start, w[start-1])
	}
	for _, l := range w[start:ew] {
		b.WriteString("-" + l + "\n")
	}
	for _, l := range g[start:eg] {
		b.WriteString("+" + l + "\n")
	}
	return b.String()
}
