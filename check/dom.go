package check

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/tailor-email/tailor/internal/source"
)

// node is one element or text of the document, with the byte offset of
// its token. The tree is built straight from the tokenizer, not by the
// HTML5 tree-construction algorithm: what the linter sees is what the
// author wrote, in the order written.
type node struct {
	tag      string // lower case; "" for text
	attrs    []html.Attribute
	text     string // text content, for text nodes
	off      int
	parent   *node
	children []*node
	style    []decl // parsed style="" attribute
}

// attr returns the value of attribute name and whether it is present.
func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// styleValue returns the last inline declaration of prop, lower-cased.
func (n *node) styleValue(prop string) string {
	v := ""
	for _, d := range n.style {
		if d.prop == prop {
			v = strings.ToLower(d.value)
		}
	}
	return v
}

// textContent returns the text of n and its descendants.
func (n *node) textContent() string {
	var b strings.Builder
	n.walk(func(c *node) {
		if c.tag == "" {
			b.WriteString(c.text)
		}
	})
	return b.String()
}

// walk calls fn on n and its descendants in document order.
func (n *node) walk(fn func(*node)) {
	fn(n)
	for _, c := range n.children {
		c.walk(fn)
	}
}

// comment is an HTML comment (or a bogus comment such as <![endif]>).
type comment struct {
	data string
	off  int
}

// styleSheet is the text of one <style> element and where it starts.
type styleSheet struct {
	*sheet
	off int
}

// document is a tokenized HTML file.
type document struct {
	file     string
	src      []byte
	lines    *source.Lines
	root     *node // a synthetic root holding the top-level nodes
	comments []comment
	doctype  string
	sheets   []styleSheet
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true,
}

// errNotHTML is returned for input that is not an HTML document.
var errNotHTML = errors.New("not an HTML document")

// parseDocument tokenizes src, tracking the byte offset of every token.
func parseDocument(file string, src []byte) (*document, error) {
	if bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src) {
		return nil, fmt.Errorf("%s: binary data: %w", file, errNotHTML)
	}
	d := &document{file: file, src: src, root: &node{tag: "#root"}}
	d.lines = source.NewLines(string(src))
	if err := d.build(); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *document) build() error {
	z := html.NewTokenizer(bytes.NewReader(d.src))
	cur, off, elements := d.root, 0, 0
	for {
		tt := z.Next()
		start := off
		off += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return fmt.Errorf("%s: %w", d.pos(start), err)
			}
			if elements == 0 {
				return fmt.Errorf("%s: no HTML elements: %w", d.file, errNotHTML)
			}
			return nil
		case html.TextToken:
			n := &node{text: string(z.Text()), off: start, parent: cur}
			cur.children = append(cur.children, n)
			if cur.tag == "style" {
				d.sheets = append(d.sheets, styleSheet{parseSheet(n.text, start), start})
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			elements++
			t := z.Token()
			n := &node{tag: t.Data, attrs: t.Attr, off: start, parent: cur}
			if s, ok := n.attr("style"); ok {
				n.style = parseDecls(s, start)
			}
			cur.children = append(cur.children, n)
			if tt == html.StartTagToken && !voidElements[n.tag] {
				cur = n
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			cur = closeTag(cur, string(name))
		case html.CommentToken:
			d.comments = append(d.comments, comment{string(z.Text()), start})
		case html.DoctypeToken:
			d.doctype = string(z.Text())
		}
	}
}

// closeTag returns the parent of the nearest open element named tag, or
// cur when no such element is open (a stray end tag is ignored).
func closeTag(cur *node, tag string) *node {
	for n := cur; n.parent != nil; n = n.parent {
		if n.tag == tag {
			return n.parent
		}
	}
	return cur
}

// lineCol converts a byte offset to a 1-based line and rune column.
func (d *document) lineCol(off int) (line, col int) { return d.lines.LineCol(off) }

// pos formats an offset as file:line:col.
func (d *document) pos(off int) string {
	l, c := d.lineCol(off)
	return fmt.Sprintf("%s:%d:%d", d.file, l, c)
}

// finding returns a finding placed at off (off < 0: the whole file).
func (d *document) finding(rule string, sev Severity, off int, msg string) Finding {
	f := Finding{Rule: rule, Severity: sev, File: d.file, Message: msg}
	if off >= 0 {
		f.Line, f.Col = d.lineCol(off)
	}
	return f
}

// find returns the first node in document order for which fn is true.
func (d *document) find(fn func(*node) bool) *node {
	var found *node
	d.root.walk(func(n *node) {
		if found == nil && fn(n) {
			found = n
		}
	})
	return found
}
