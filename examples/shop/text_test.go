package shop_test

import (
	"context"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/text"
)

// TestTextPartReadsLikeHandWritten renders every email of the example for
// every fixture, with links inline and with links as references, and
// checks its text part: no line longer than text.Width but a url standing
// alone (bare, or numbered in the reference list), and every word of the
// HTML's visible text in it (word recall 1.0).
func TestTextPartReadsLikeHandWritten(t *testing.T) {
	for _, links := range []string{"inline", "references"} {
		t.Run(links, func(t *testing.T) {
			c, err := render.Load(withTextLinks(t, links))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Config.TextLinks().String(); got != links {
				t.Fatalf("text.links reads %q, want %q", got, links)
			}
			refs := 0
			for _, email := range c.Emails() {
				for _, r := range fixtures(t) {
					m, err := c.Render(context.Background(), render.Request{Email: email, Profile: r.Profile})
					if err != nil {
						t.Fatalf("%s %s: %v", email, r.Where(), err)
					}
					where := email + " " + m.ID
					checkWidths(t, where, m.Text)
					if recall, missing := wordRecall(t, m.HTML, m.Text); recall != 1 {
						t.Errorf("%s: word recall %.3f, missing %q", where, recall, missing)
					}
					refs += strings.Count(m.Text, "\n[1] ")
				}
			}
			if want := links == "references"; (refs > 0) != want {
				t.Errorf("%d text parts end in a reference list, want them to: %v", refs, want)
			}
		})
	}
}

// withTextLinks returns the example workspace with text.links set.
func withTextLinks(t *testing.T, links string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(shop.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(shop.FS(), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := m["tailor.yaml"]
	cfg.Data = append(cfg.Data, "\ntext:\n  links: "+links+"\n"...)
	return m
}

// bareURL is a line that is a url alone, possibly numbered ("[2] url").
var bareURL = regexp.MustCompile(`^\s*(\[\d+\] )?https?://\S+$`)

// checkWidths fails for each line of txt longer than text.Width that is
// not a url standing alone.
func checkWidths(t *testing.T, where, txt string) {
	t.Helper()
	for i, line := range strings.Split(txt, "\n") {
		if utf8.RuneCountInString(line) > text.Width && !bareURL.MatchString(line) {
			t.Errorf("%s: line %d has %d columns: %q", where, i+1, utf8.RuneCountInString(line), line)
		}
	}
}

// wordRecall returns the share of the words of doc's visible text that
// the text part has, and the words it lacks.
func wordRecall(t *testing.T, doc, txt string) (float64, []string) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var visible strings.Builder
	visibleText(root, &visible)
	have := map[string]bool{}
	for _, w := range words(txt) {
		have[w] = true
	}
	var missing []string
	want := words(visible.String())
	for _, w := range want {
		if !have[w] {
			missing = append(missing, w)
		}
	}
	if len(want) == 0 {
		t.Fatal("no visible text")
	}
	return float64(len(want)-len(missing)) / float64(len(want)), missing
}

// visibleText writes the text a reader sees of n: no head, style or
// script, nothing under display:none or the hidden attribute, no
// comments (Outlook's conditional HTML among them).
func visibleText(n *html.Node, b *strings.Builder) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		b.WriteByte(' ')
		return
	case html.CommentNode:
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Head, atom.Style, atom.Script, atom.Title:
			return
		}
		for _, a := range n.Attr {
			style := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if a.Key == "hidden" || a.Key == "style" && strings.Contains(style, "display:none") {
				return
			}
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		visibleText(ch, b)
	}
}

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
