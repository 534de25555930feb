package check

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/goldentest"
	"github.com/tailor-email/tailor/internal/peers"
)

// TestPeerTemplates runs the linter over every real template in the
// peers folder: no error, no panic, every finding well formed and placed
// inside its file.
func TestPeerTemplates(t *testing.T) {
	dir := peers.Dir(t, "templates")
	n := 0
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		n++
		rel, _ := filepath.Rel(dir, path)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		findings, err := HTML(rel, b, Options{})
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		lines := bytes.Count(b, []byte("\n")) + 1
		for _, f := range findings {
			if f.File != rel || f.Rule == "" || f.Message == "" || f.Line < 0 || f.Line > lines || f.Severity > Error {
				t.Errorf("%s: malformed finding %+v", rel, f)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("no *.html under %s", dir)
	}
}

// goldenTemplates are pinned: their findings are checked by hand against
// the caniemail data in testdata/README.md.
var goldenTemplates = []struct{ name, path string }{
	{"leemunroe-email-inlined", "leemunroe-responsive-html-email-template/email-inlined.html"},
	{"mailgun-inlined-alert", "mailgun-transactional-email-templates/templates/inlined/alert.html"},
}

func TestGolden(t *testing.T) {
	dir := peers.Dir(t, "templates")
	for _, g := range goldenTemplates {
		t.Run(g.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, g.path))
			if err != nil {
				t.Fatal(err)
			}
			findings, err := HTML(g.path, b, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := FormatText(&got, findings); err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, filepath.Join("testdata", g.name+".golden"), got.Bytes())
		})
	}
}

// BenchmarkHTML lints a 21 KB real template (Mailchimp's boxed basic
// query blueprint) with the default clients.
func BenchmarkHTML(b *testing.B) {
	path := filepath.Join(peers.Dir(b, "templates"), "mailchimp-email-blueprints/responsive-templates/base_boxed_basic_query.html")
	doc, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := HTML("t.html", doc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
