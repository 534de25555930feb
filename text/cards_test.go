package text

import (
	"regexp"
	"testing"
)

// TestPairRowValues checks that values a template prints in the two
// cells of a simple row (masks that OwnLine says print) stay on the row's
// line, and that the actions around the row still lead whole lines.
func TestPairRowValues(t *testing.T) {
	prints := map[string]bool{"tlr:2": true, "tlr:3": true}
	opts := Options{OwnLine: func(m string) bool { return prints[m] }}
	for _, tc := range []struct{ name, html, want string }{
		{"layout row", `<p>Cart</p><table role="presentation"><!--tlr:1--><tr><td><!--tlr:2--></td><td align="right"><!--tlr:3--></td></tr><!--tlr:4--></table><p>End</p>`,
			"Cart\n\n<!--tlr:1--><!--tlr:2--> - <!--tlr:3-->\n<!--tlr:4-->\n\nEnd"},
		{"data row", `<table><tr><th>Item</th><th>Price</th></tr><!--tlr:1--><tr><td><!--tlr:2--></td><td><!--tlr:3--></td></tr><!--tlr:4--></table>`,
			"Item | Price\n<!--tlr:1--><!--tlr:2--> | <!--tlr:3-->\n<!--tlr:4-->"},
	} {
		if got := Convert(tc.html, opts); got != tc.want {
			t.Errorf("%s:\ngot:  %q\nwant: %q", tc.name, got, tc.want)
		}
	}
}

// TestImageLinkRepeatingTitleLink checks that an image link to where the
// next link (the product's title) points is left out, and kept otherwise.
func TestImageLinkRepeatingTitleLink(t *testing.T) {
	runFromHTML(t, []fromHTMLCase{
		{"card: image and title to one url",
			`<td><a href="https://x.io/p/1"><img alt="Linen shirt in sand"></a><p><a href="https://x.io/p/1">Linen shirt</a></p><p>$59</p></td>`,
			"Linen shirt (https://x.io/p/1)\n\n$59"},
		{"rows: image row, then title row",
			`<table role="presentation"><tr><td><a href="https://x.io/p/1"><img alt="Shirt"></a></td></tr><tr><td><a href="https://x.io/p/1">Shirt</a></td></tr></table>`,
			"Shirt (https://x.io/p/1)"},
		{"title to another url keeps the image link",
			`<a href="https://x.io/p/1"><img alt="Shirt"></a><p><a href="https://x.io/p/2">Knit</a></p>`,
			"Shirt (https://x.io/p/1)\n\nKnit (https://x.io/p/2)"},
		{"a link with text is kept",
			`<a href="https://x.io/p/1">Shirt</a> <a href="https://x.io/p/1">again</a>`,
			"Shirt (https://x.io/p/1) again (https://x.io/p/1)"},
		{"the next link in another table does not count",
			`<table role="presentation"><tr><td><a href="https://x.io/p/1"><img alt="Shirt"></a></td></tr></table><table role="presentation"><tr><td><a href="https://x.io/p/1">Shirt</a></td></tr></table>`,
			"Shirt (https://x.io/p/1)\n\nShirt (https://x.io/p/1)"},
		{"an image link with a mask inside is kept",
			`<a href="https://x.io/p/1"><!--tlr:1--><img alt="Shirt"><!--tlr:2--></a><a href="https://x.io/p/1">Shirt</a>`,
			"<!--tlr:1-->Shirt<!--tlr:2--> (https://x.io/p/1)Shirt (https://x.io/p/1)"},
	})
}

// TestImageLinkURLKey checks that Options.URLKey decides which hrefs are
// the same: the engine's tokens differ for two actions that print one url.
func TestImageLinkURLKey(t *testing.T) {
	doc := `<a href="tlr3x"><img alt="Shirt"></a><p><a href="tlr5x">Shirt</a></p>`
	token := regexp.MustCompile(`tlr\d+x`)
	key := func(href string) string { return token.ReplaceAllString(href, "{{ .url }}") }
	if got, want := Convert(doc, Options{URLKey: key}), "Shirt (tlr5x)"; got != want {
		t.Errorf("with URLKey: got %q, want %q", got, want)
	}
	if got, want := Convert(doc, Options{}), "Shirt (tlr3x)\n\nShirt (tlr5x)"; got != want {
		t.Errorf("without URLKey: got %q, want %q", got, want)
	}
}
