package text

import (
	"strings"

	"golang.org/x/net/html"
)

// FromHTML returns the plain-text rendering of an HTML document or fragment.
//
// Comments are dropped, except mask comments (data "tlr:N", see package
// inline), which are kept verbatim as "<!--tlr:N-->" at their place in the
// text so that template actions survive the conversion.
func FromHTML(doc string) string {
	n, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.CommentNode:
			if strings.HasPrefix(n.Data, "tlr:") {
				b.WriteString("<!--" + n.Data + "-->")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
