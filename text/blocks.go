package text

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// link writes the link text, then " (url)" unless the text is the url.
// A link with no text shows its url when it holds an image (an image with
// no alt), and nothing otherwise.
func (c *converter) link(n *html.Node) {
	if c.repeatsNextLink(n) {
		return
	}
	w := c.w
	mark, masks := len(w.b), len(w.masks)
	c.nested++
	c.children(n)
	c.nested--
	if len(w.masks) > masks {
		w.flushMasks() // the link's text is masked
	}
	url := linkURL(attr(n, "href"))
	if url == "" {
		return
	}
	text := strings.TrimLeft(string(w.b[mark:]), " \n")
	switch {
	case text == "":
		if hasDescendant(n, atom.Img) {
			w.word(url)
		}
		return
	case sameURL(text, url):
		return
	}
	brk := w.brk
	w.brk = 0
	w.space, w.sep = true, ""
	if c.opts.SpacedLinks {
		w.word("( " + url + " )")
	} else {
		w.word("(" + url + ")")
	}
	w.brk = brk
}

// linkURL returns the url a link shows: the trimmed href, without
// "mailto:"; "" for a missing href, an anchor on the page, javascript or
// a bare scheme.
func linkURL(href string) string {
	u := strings.TrimSpace(href)
	low := strings.ToLower(u)
	switch {
	case u == "", strings.HasPrefix(u, "#"), strings.HasPrefix(low, "javascript:"):
		return ""
	case strings.HasPrefix(low, "mailto:"):
		return strings.TrimSpace(u[len("mailto:"):])
	case low == "http://", low == "https://":
		return "" // a placeholder, not a link
	}
	return u
}

// sameURL reports whether a link's text already says its url, ignoring
// case, the scheme and a final slash.
func sameURL(text, url string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"https://", "http://", "mailto:"} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimSuffix(s, "/")
	}
	return norm(text) == norm(url)
}

// heading writes h1 framed by "*" lines, h2 framed by "-" lines and h3-h6
// underlined with "-", each rule as long as the longest line of the
// heading.
func (c *converter) heading(n *html.Node) {
	parent := c.w
	sub := newWriter()
	sub.skip = parent.skip
	c.w = sub
	c.nested++
	c.children(n)
	c.nested--
	c.w = parent
	parent.skip = sub.skip
	text := sub.finish()
	if text == "" {
		return
	}
	lines := strings.Split(text, "\n")
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l))
	}
	char := "-"
	if n.DataAtom == atom.H1 {
		char = "*"
	}
	rule := strings.Repeat(char, width)
	parent.block(2)
	if n.DataAtom == atom.H1 || n.DataAtom == atom.H2 {
		parent.word(rule)
		parent.block(1)
	}
	for _, l := range lines {
		parent.word(l)
		parent.block(1)
	}
	parent.word(rule)
	parent.block(2)
}

// list writes the items of a <ul> ("* ") or <ol> ("1. ", from its start
// attribute) indented under the item that holds the list, if any.
func (c *converter) list(n *html.Node) {
	brk := 2
	if c.listDepth > 0 {
		brk = 1
	}
	c.w.block(brk)
	c.listDepth++
	num := 1
	if s, err := strconv.Atoi(attr(n, "start")); err == nil {
		num = s
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode || ch.DataAtom != atom.Li {
			c.node(ch)
			continue
		}
		if hidden(ch) {
			continue
		}
		marker := "* "
		if n.DataAtom == atom.Ol {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		c.item(ch, marker)
	}
	c.listDepth--
	c.w.blockEnd(brk)
}

// item writes a list item: marker on its first line, the marker's width of
// indent on the next ones.
func (c *converter) item(n *html.Node, marker string) {
	w := c.w
	w.block(1)
	indent := w.indent
	w.bullet = indent + marker
	w.indent = indent + strings.Repeat(" ", len(marker))
	c.children(n)
	w.blockEnd(1)
	w.indent, w.bullet = indent, ""
}

// table writes a table as a block of its own: a layout table with every
// row and cell on new lines, a data table one row a line.
func (c *converter) table(n *html.Node) {
	data, in, layout := c.data, c.inTable, c.layoutTable
	c.data = isDataTable(n)
	c.inTable, c.layoutTable = true, layoutRole(n)
	c.w.block(2)
	c.children(n)
	c.w.blockEnd(2)
	c.data, c.inTable, c.layoutTable = data, in, layout
}

// layoutRole reports whether a table's role says it lays out.
func layoutRole(t *html.Node) bool {
	switch strings.ToLower(strings.TrimSpace(attr(t, "role"))) {
	case "presentation", "none":
		return true
	}
	return false
}

// row writes a table row on a line of its own.
func (c *converter) row(n *html.Node) {
	pair := c.pair
	c.pair = !c.data && pairRow(n)
	c.w.block(1)
	c.rowMark = len(c.w.b)
	c.children(n)
	c.w.blockEnd(1)
	c.pair = pair
}

// cell writes a cell: in a data table after " | " when its row has text
// already, in a simple two-column row after " - ", elsewhere on new
// lines.
func (c *converter) cell(n *html.Node) {
	sep := " | "
	switch {
	case c.pair:
		sep = pairSep
	case !c.data:
		c.blockElement(n, gapBreaks(n))
		return
	}
	if len(c.w.b) > c.rowMark && c.w.brk == 0 {
		c.w.sep = sep
	}
	c.inCell = true
	c.children(n)
	c.inCell = false
	c.w.endInline()
}

// isDataTable reports whether t holds data rather than layout: not
// role=presentation/none, only inline content in its cells, and a header
// (th, thead, caption) or at least two rows of two cells or more.
func isDataTable(t *html.Node) bool {
	if layoutRole(t) {
		return false
	}
	rows, wide, header := 0, 0, false
	var scan func(p *html.Node) bool
	scan = func(p *html.Node) bool {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.DataAtom {
			case atom.Caption, atom.Thead:
				header = true
			}
			switch ch.DataAtom {
			case atom.Thead, atom.Tbody, atom.Tfoot:
				if !scan(ch) {
					return false
				}
			case atom.Tr:
				cells := 0
				for td := ch.FirstChild; td != nil; td = td.NextSibling {
					if td.DataAtom != atom.Td && td.DataAtom != atom.Th {
						continue
					}
					cells++
					header = header || td.DataAtom == atom.Th
					if !inlineOnly(td) {
						return false
					}
				}
				rows++
				if cells >= 2 {
					wide++
				}
			}
		}
		return true
	}
	if !scan(t) || rows == 0 {
		return false
	}
	return header || (rows >= 2 && wide == rows)
}

// inlineOnly reports whether n holds no block element, list, heading,
// table or <br>.
func inlineOnly(n *html.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		switch ch.DataAtom {
		case atom.Br, atom.Table, atom.Ul, atom.Ol, atom.Li, atom.Pre,
			atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return false
		}
		if blockBreaks[ch.DataAtom] > 0 || !inlineOnly(ch) {
			return false
		}
	}
	return true
}

// hasDescendant reports whether an element a lies under n.
func hasDescendant(n *html.Node, a atom.Atom) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.DataAtom == a || hasDescendant(ch, a) {
			return true
		}
	}
	return false
}
