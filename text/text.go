package text

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Options change how Convert writes the text. The zero value is what
// FromHTML uses.
type Options struct {
	// SpacedLinks writes links as "text ( url )", with spaces inside the
	// parentheses, as premailer-ruby does, instead of "text (url)".
	SpacedLinks bool
	// OwnLine, when set, is asked about each mask comment (its data, such
	// as "tlr:12") that stands between blocks. True means the action
	// prints text of its own (a value, a slot, a template call), which then
	// gets a line, or a paragraph, of its own. False, and the default,
	// means a control action ({{if}}, {{range}}, {{else}}, {{end}}), which
	// is written at the start of the next line so that the lines it
	// guards appear, repeat or vanish whole.
	OwnLine func(mask string) bool
	// AtMask, when set, is called at each mask comment (data "tlr:N"),
	// before it is written, with the conversion's state there; the
	// conversion goes on from the state it leaves in *s (see State).
	AtMask func(mask string, s *State)
	// URLKey, when set, maps a link's href to what tells two links apart
	// (the engine replaces the tokens of actions by the actions' source,
	// so that two links that print the same url compare equal). Without
	// it, hrefs compare as written.
	URLKey func(href string) string
}

// FromHTML returns the plain-text rendering of an HTML document or fragment,
// unwrapped (see the package documentation for the rules, and Wrap).
//
// Comments are dropped, except mask comments (data "tlr:N", see package
// inline), which are kept verbatim as "<!--tlr:N-->" at their place in the
// text so that template actions survive the conversion.
func FromHTML(doc string) string {
	return Convert(doc, Options{})
}

// Convert is FromHTML with options.
func Convert(doc string, opts Options) string {
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		// html.Parse fails only when its reader does; a strings.Reader
		// never does.
		return ""
	}
	c := &converter{w: newWriter(), opts: opts}
	c.node(root)
	return c.w.finish()
}

// converter walks a parsed document into a writer.
type converter struct {
	w    *writer
	opts Options
	// pre counts the <pre> elements around the current node.
	pre int
	// listDepth counts the lists around the current node.
	listDepth int
	// data is set inside a data table; rowMark is where its current row
	// starts in the output.
	data    bool
	rowMark int
	// pair is set in a simple two-column row of a layout table (pairRow),
	// and inCell in a cell written on its row's line (data or pair): a
	// value there continues the line.
	pair, inCell bool
	// nested counts the headings and links around the current node.
	nested int
	// inTable is set inside a table, and layoutTable when the nearest
	// table's role says it lays out (presentation, none).
	inTable, layoutTable bool
}

// node converts n and its subtree.
func (c *converter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if c.pre > 0 {
			c.w.preText(n.Data)
		} else {
			c.w.text(n.Data)
		}
	case html.CommentNode:
		c.comment(n)
	case html.ElementNode:
		c.element(n)
	default:
		c.children(n)
	}
}

// children converts the children of n in order.
func (c *converter) children(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(ch)
	}
}

// comment keeps mask comments and honours premailer's "start text/html"
// and "end text/html" markers; every other comment is dropped.
func (c *converter) comment(n *html.Node) {
	data := n.Data
	switch {
	case strings.HasPrefix(data, "tlr:"):
		if c.opts.AtMask != nil {
			c.atMask(n)
		}
		if c.opts.OwnLine != nil && c.opts.OwnLine(data) && !inRunningText(n) && !c.inCell {
			c.w.ownLine("<!--" + data + "-->")
		} else {
			c.w.mask("<!--" + data + "-->")
		}
	case strings.EqualFold(strings.TrimSpace(data), "start text/html"):
		c.w.skip = true
	case strings.EqualFold(strings.TrimSpace(data), "end text/html"):
		c.w.skip = false
	}
}

// inRunningText reports whether a comment sits inside a run of inline
// content (text or inline elements beside it), where an action's output
// continues the line rather than standing alone.
func inRunningText(n *html.Node) bool {
	return inline(n.PrevSibling, func(x *html.Node) *html.Node { return x.PrevSibling }) || inline(n.NextSibling, func(x *html.Node) *html.Node { return x.NextSibling })
}

// inline reports whether the first non-comment node from sib on (walking
// with step) is text or an inline element.
func inline(sib *html.Node, step func(*html.Node) *html.Node) bool {
	for sib != nil && sib.Type == html.CommentNode {
		sib = step(sib)
	}
	switch {
	case sib == nil:
		return false
	case sib.Type == html.TextNode:
		return strings.TrimSpace(sib.Data) != ""
	}
	return sib.Type == html.ElementNode && blockBreaks[sib.DataAtom] == 0 && inlineOnly(sib) &&
		sib.DataAtom != atom.Table && sib.DataAtom != atom.Br
}

// element converts one element according to its kind.
func (c *converter) element(n *html.Node) {
	if skipped[n.DataAtom] || hidden(n) {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		c.w.lineBreak()
	case atom.Img:
		c.w.text(attr(n, "alt"))
	case atom.A:
		c.link(n)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.heading(n)
	case atom.Ul, atom.Ol:
		c.list(n)
	case atom.Li:
		c.item(n, "* ")
	case atom.Table:
		c.table(n)
	case atom.Tr:
		c.row(n)
	case atom.Td, atom.Th:
		c.cell(n)
	case atom.Pre:
		c.pre++
		c.blockElement(n, 2)
		c.pre--
	case atom.Div:
		c.blockElement(n, gapBreaks(n))
	default:
		c.blockElement(n, blockBreaks[n.DataAtom])
	}
}

// blockElement converts n with brk newlines (0 for inline) before and after.
func (c *converter) blockElement(n *html.Node, brk int) {
	if brk > 0 {
		c.w.block(brk)
	}
	c.children(n)
	if brk > 0 {
		c.w.blockEnd(brk)
	}
}

// skipped holds the elements that never produce text.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Title: true, atom.Style: true, atom.Script: true,
	atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Audio: true, atom.Video: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true, atom.Map: true, atom.Meta: true, atom.Link: true,
}

// blockBreaks gives the newlines around block elements: 2 leaves a blank
// line (paragraphs), 1 starts a new line. Others are inline.
var blockBreaks = map[atom.Atom]int{
	atom.P: 2, atom.Blockquote: 2, atom.Hr: 2, atom.Dl: 2, atom.Figure: 2,
	atom.Div: 1, atom.Center: 1, atom.Section: 1, atom.Article: 1,
	atom.Aside: 1, atom.Header: 1, atom.Footer: 1, atom.Nav: 1, atom.Main: 1,
	atom.Address: 1, atom.Dt: 1, atom.Dd: 1, atom.Figcaption: 1,
	atom.Form: 1, atom.Fieldset: 1, atom.Legend: 1, atom.Details: 1,
	atom.Summary: 1, atom.Dialog: 1, atom.Hgroup: 1, atom.Caption: 1,
	atom.Body: 1, atom.Html: 1, atom.Tbody: 1, atom.Thead: 1, atom.Tfoot: 1,
	atom.Tr: 1, atom.Td: 1, atom.Th: 1,
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}
