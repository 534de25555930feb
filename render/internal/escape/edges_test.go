package escape

import "testing"

// edges are inputs at the edges of what the escapers read: empty markup
// where stripping tags looks for an end, a tag name cut at a joiner, CSS
// escapes at the largest code point and with each decimal digit, and
// digits inside the words a CSS value may not spell.
var edges = []string{
	// HTML content printed in an attribute keeps its text only: markup
	// that ends as soon as it starts.
	`a<b c="">d`, `a<b c=''>d`, `a<b c="" e=''>f`, "a<b c=>d", // empty attribute values
	"a<b =c>d", `a<b "c">d`, "a<b <c>d", // no attribute name
	"a<!---->b", "<!---->", "a<!----> <i>b</i>", // an empty comment
	"<title></title>x", "<textarea></textarea>x", "<script></script>x", "<style></style>x", // no content
	"<TITLE></title >x<b>y</b>", "<title></b></title>x", "<textarea></x>y</textarea>z", // "</" first, not the end tag
	"<title><b</title>c", "<textarea><</textarea>c", "<title><</title>", "<title>a<b<c</title>d", // '<' first in the content
	"x<a-", "x<a:", "x</a-", "x<a-b", "x<a:b>c", "<a-", // a tag name ending in a joiner
	"a</", "a</b", "a</ ", "a</>", // an end tag cut short
	// CSS escapes: the largest code point, one past it, and each digit
	// read as a hexadecimal digit.
	`\10ffff`, `\10FFFF x`, `\10ffff0`, `\110000`, `a\0010ffffb`,
	`\30`, `\31`, `\38`, `\39`, `\9`, `a\39 b`, `\0039`, `\3A`, `\3a`, `\3f`, `\3F`, `\3g`, `\2f`,
	// A digit or underscore inside a word a CSS value may not spell is
	// part of it, so the word is not spelt.
	"express0ion", "express5ion", "express9ion", "express_ion", "moz0binding", "moz9binding", "e0xpression",
	"expression0", "0expression", "mozbinding9", "express/ion", "express:ion", "express~ion",
}

// TestEdges prints each edge input in every context, as a string and as
// each content type, and compares the output with html/template's.
func TestEdges(t *testing.T) {
	cs := allContexts(t)
	for _, s := range edges {
		values := append([]any{s}, contentTypes(s)...)
		for _, c := range cs {
			for _, v := range values {
				c.check(t, v)
			}
		}
	}
}
