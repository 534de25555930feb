package text

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pairSep joins the two cells of a simple two-column row of a layout
// table: "Ribbed beanie - $25.00".
const pairSep = " - "

// pairRow reports whether tr is a simple two-column row: exactly two
// cells, each with text only (inline elements, but no link, image, block,
// list, <br> or table). Its cells are written on one line, like an item
// and its price.
func pairRow(tr *html.Node) bool {
	cells := 0
	for td := tr.FirstChild; td != nil; td = td.NextSibling {
		switch {
		case td.Type != html.ElementNode:
			continue
		case td.DataAtom != atom.Td && td.DataAtom != atom.Th, hidden(td), !inlineOnly(td),
			hasDescendant(td, atom.A), hasDescendant(td, atom.Img):
			return false
		}
		cells++
	}
	return cells == 2
}

// repeatsNextLink reports whether a, a link whose content is only images,
// points where the next link after it points, within the same table (or
// document), and that link has text: a product card's image and its
// title. The image link then adds nothing but the product a second time.
// A link with a mask comment inside is never dropped, so a template's
// actions all survive.
func (c *converter) repeatsNextLink(a *html.Node) bool {
	if !hasDescendant(a, atom.Img) || hasText(a) || hasComment(a) {
		return false
	}
	next := nextLink(a)
	if next == nil || !hasText(next) {
		return false
	}
	key := func(href string) string {
		href = strings.TrimSpace(href)
		if c.opts.URLKey != nil {
			return c.opts.URLKey(href)
		}
		return href
	}
	href := key(attr(a, "href"))
	return href != "" && href == key(attr(next, "href"))
}

// nextLink returns the first <a> after n's subtree in document order,
// without leaving the table n lies in; nil if there is none.
func nextLink(n *html.Node) *html.Node {
	for at := n; at != nil; at = at.Parent {
		if at.DataAtom == atom.Table && at != n {
			return nil
		}
		for sib := at.NextSibling; sib != nil; sib = sib.NextSibling {
			if sib.DataAtom == atom.Table {
				continue // a table of its own: not the same card
			}
			if a := firstLink(sib); a != nil {
				return a
			}
		}
	}
	return nil
}

// firstLink returns n if it is an <a>, else the first <a> under it.
func firstLink(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		return n
	}
	if n.DataAtom == atom.Table {
		return nil
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if a := firstLink(ch); a != nil {
			return a
		}
	}
	return nil
}

// hasText reports whether visible text or a mask comment (a value a
// template may print) lies under n.
func hasText(n *html.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == html.TextNode && strings.TrimSpace(ch.Data) != "":
			return true
		case ch.Type == html.CommentNode && strings.HasPrefix(ch.Data, "tlr:"):
			return true
		case ch.Type == html.ElementNode && !hidden(ch) && hasText(ch):
			return true
		}
	}
	return false
}

// hasComment reports whether a mask comment lies under n.
func hasComment(n *html.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.CommentNode && strings.HasPrefix(ch.Data, "tlr:") || hasComment(ch) {
			return true
		}
	}
	return false
}
