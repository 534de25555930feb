package workspace

import (
	"strings"
	"testing"

	"github.com/tailor-email/tailor/text"
)

// TestTextLinks checks tailor.yaml's text.links: inline by default,
// references when asked, and an unknown value refused at its place.
func TestTextLinks(t *testing.T) {
	for src, want := range map[string]text.Links{
		"name: x\n":                             text.LinksInline,
		"text:\n  links: inline\n":              text.LinksInline,
		"text: {links: references}\n":           text.LinksReferences,
		"name: x\ntext:\n  links: references\n": text.LinksReferences,
	} {
		c, err := ParseConfig([]byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if got := c.TextLinks(); got != want {
			t.Errorf("%q: links %v, want %v", src, got, want)
		}
	}
	_, err := ParseConfig([]byte("name: x\ntext:\n  links: footnotes\n"))
	if err == nil || !strings.Contains(err.Error(), "tailor.yaml:3:10") || !strings.Contains(err.Error(), "inline or references") {
		t.Errorf("links: footnotes: %v, want an error at tailor.yaml:3:10 naming the choices", err)
	}
}
