package render

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/segment"
)

// TestTextPartDropsWhatHTMLNeutralizes checks that a URL the HTML part
// turns into #ZgotmplZ is not in the text part either, that a safe one is
// in both, and that control characters from data never reach the text.
func TestTextPartDropsWhatHTMLNeutralizes(t *testing.T) {
	ws := smallWorkspace()
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n" +
		"<p>Hello {{ .Profile.name }}</p><p><a href=\"{{ .Profile.url }}\">Your page</a></p>" +
		"<p><a href=\"https://shop.example/p?u={{ .Profile.url }}\">Search</a></p>{{ .Slots.hero }}\n")}
	c := mustLoad(t, ws)
	for _, tc := range []struct{ url, html, notText string }{
		{"javascript:alert(1)", `href="#ZgotmplZ"`, "javascript"},
		{" JavaScript:alert(1)", `href="#ZgotmplZ"`, "JavaScript:alert"},
		{"data:text/html,<b>x</b>", `href="#ZgotmplZ"`, "data:text"},
		{"https://shop.example/me", `href="https://shop.example/me"`, ""},
	} {
		m, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"id": "a", "name": "A\x00B\x1b[31mC\r", "url": tc.url}})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.HTML, tc.html) {
			t.Errorf("%q: HTML lacks %s:\n%s", tc.url, tc.html, m.HTML)
		}
		if tc.notText != "" && strings.Contains(strings.SplitN(m.Text, "Search", 2)[0], tc.notText) {
			t.Errorf("%q: the text part links it:\n%s", tc.url, m.Text)
		}
		if tc.notText == "" && !strings.Contains(m.Text, tc.url) {
			t.Errorf("%q: the text part lost a safe link:\n%s", tc.url, m.Text)
		}
		if !strings.Contains(m.Text, "Hello AB[31mC") || strings.ContainsAny(m.Text, "\x00\x1b\r") {
			t.Errorf("control characters in the text part: %q", m.Text)
		}
	}
}
