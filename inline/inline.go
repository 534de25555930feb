package inline

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Option configures Document. Each option sets one thing.
type Option func(*config)

type config struct {
	name          string
	extra         []extraCSS
	keepImportant bool
}

type extraCSS struct{ name, text string }

// WithName names the document in error messages ("name:line:col: ...").
func WithName(name string) Option {
	return func(c *config) { c.name = name }
}

// KeepImportant keeps the !important of stylesheet declarations in the
// style attributes they are inlined into. By default it is dropped, as
// juice does (preserveImportant), so that a media query can still
// override the inlined value.
func KeepImportant() Option {
	return func(c *config) { c.keepImportant = true }
}

// WithCSS adds a stylesheet, named name in error messages, that applies
// after the document's own <style> elements, as if it were one more
// <style> at the end of the head.
func WithCSS(name, css string) Option {
	return func(c *config) { c.extra = append(c.extra, extraCSS{name, css}) }
}

// Document inlines the CSS of the <style> elements of doc (and of any
// WithCSS) into the style attributes of the elements it selects, and
// returns the document. go-premailer does the inlining; Document handles
// its faults around it (see the package documentation).
//
// What cannot be inlined stays, verbatim and in source order, in one
// <style> in the head: at-rules (@media, @font-face, @import, @keyframes,
// @supports, ...), rules on pseudo-classes such as :hover and on
// pseudo-elements, and client hacks such as "u + .body" and
// "[data-ogsc]". Comments pass byte for byte. A stylesheet !important
// beats an inline style and is not written into the attribute, so that a
// media query can still override it. width, height, bgcolor, background,
// align and valign attributes are added from the style where they are
// missing, never changed. Malformed CSS is an error wrapping ErrCSS that
// names line:col.
//
// var() references are resolved from the custom properties in scope
// (juice's resolveCSSVariables) and CSS nesting is flattened. Rules
// rank by CSS specificity, then source order.
//
// The result is always a whole document, re-serialized by
// golang.org/x/net/html: the parser adds missing html, head, body and
// tbody elements (those it adds get no style) and writes text and
// attributes with its own escaping, except that comments come back byte
// for byte and ' is not escaped. A <style> with a media attribute other
// than "all", or with data-embed, is left alone.
func Document(doc string, opts ...Option) (string, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	src := protect(doc)
	root, err := html.Parse(strings.NewReader(src.masked))
	if err != nil {
		return "", named(c.name, fmt.Errorf("parse HTML: %w", err))
	}
	src.orders.restore(root)
	var s stylesheet
	styles := styleElements(root)
	for _, n := range styles {
		text := nodeText(n)
		if err := s.add(text, placeOf(text, src.styles)); err != nil {
			return "", named(c.name, err)
		}
	}
	for _, e := range c.extra {
		if err := s.add(e.text, pos{Line: 1, Col: 1}); err != nil {
			return "", named(e.name, err)
		}
	}
	if err := checkWork(root, s.rules); err != nil {
		return "", named(c.name, err)
	}
	in := inliner{root: root, implied: src.implied, keepImportant: c.keepImportant,
		marks:  markers{prefix: src.comments.prefix + "-m"},
		styled: map[*html.Node]*sourceStyle{}, written: map[*html.Node]string{}, touched: map[*html.Node]bool{}}
	if err := in.apply(s.rules); err != nil {
		return "", named(c.name, err)
	}
	placeStyle(root, styles, s.headCSS())
	var b strings.Builder
	if err := html.Render(&b, root); err != nil {
		return "", named(c.name, fmt.Errorf("render HTML: %w", err))
	}
	return src.comments.restore(plainApostrophes(b.String())), nil
}

// plainApostrophes undoes the renderer's escaping of ' as &#39;, which
// is needless in text and in the double-quoted attribute values it
// writes, and would turn font-family: 'Open Sans' into entities. The
// text of <style> and <script>, written raw, is left alone.
func plainApostrophes(out string) string {
	if !strings.Contains(out, "&#39;") {
		return out
	}
	var b strings.Builder
	b.Grow(len(out))
	for {
		apos := strings.Index(out, "&#39;")
		raw := rawTextStart(out)
		if apos < 0 {
			break
		}
		if raw >= 0 && raw < apos {
			end := rawTextEnd(out, raw)
			b.WriteString(out[:end])
			out = out[end:]
			continue
		}
		b.WriteString(out[:apos])
		b.WriteByte('\'')
		out = out[apos+len("&#39;"):]
	}
	b.WriteString(out)
	return b.String()
}

// rawTextStart returns the offset of the first <style or <script tag in
// s, or -1.
func rawTextStart(s string) int {
	st, sc := strings.Index(s, "<style"), strings.Index(s, "<script")
	switch {
	case st < 0:
		return sc
	case sc < 0:
		return st
	}
	return min(st, sc)
}

// rawTextEnd returns the offset just past the element that starts at i.
func rawTextEnd(s string, i int) int {
	closing := "</style>"
	if strings.HasPrefix(s[i:], "<script") {
		closing = "</script>"
	}
	end := strings.Index(s[i:], closing)
	if end < 0 {
		return len(s)
	}
	return i + end + len(closing)
}

// named puts a source name in front of an error.
func named(name string, err error) error {
	if name == "" {
		return err
	}
	if msg := err.Error(); msg != "" && msg[0] >= '0' && msg[0] <= '9' {
		return fmt.Errorf("%s:%w", name, err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// styleElements returns the <style> elements whose CSS is inlined.
func styleElements(root *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Style && n.Namespace == "" {
			media := strings.ToLower(strings.TrimSpace(attr(n, "media")))
			if (media == "" || media == "all") && !hasAttr(n, "data-embed") {
				out = append(out, n)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// nodeText returns the text content of a <style> element.
func nodeText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// placeOf finds where the text of a <style> starts in the document.
// Unknown (zero) when the tokenizer saw no such text.
func placeOf(text string, texts []styleText) pos {
	for _, t := range texts {
		if t.text == text {
			return t.start
		}
	}
	return pos{}
}

// placeStyle leaves one <style> in the head holding the kept CSS, and
// removes the other inlined <style> elements.
func placeStyle(root *html.Node, styles []*html.Node, kept []string) {
	for i, n := range styles {
		if i > 0 || len(kept) == 0 {
			n.Parent.RemoveChild(n)
		}
	}
	if len(kept) == 0 {
		return
	}
	head := findHead(root)
	var st *html.Node
	if len(styles) > 0 {
		st = styles[0]
	} else {
		st = &html.Node{Type: html.ElementNode, Data: "style", DataAtom: atom.Style,
			Attr: []html.Attribute{{Key: "type", Val: "text/css"}}}
	}
	for st.FirstChild != nil {
		st.RemoveChild(st.FirstChild)
	}
	st.AppendChild(&html.Node{Type: html.TextNode, Data: "\n" + strings.Join(kept, "\n") + "\n"})
	if head != nil && st.Parent != head {
		if st.Parent != nil {
			st.Parent.RemoveChild(st)
		}
		head.AppendChild(st)
	}
}

// findHead returns the head element, which html.Parse always makes.
func findHead(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Head {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if h := findHead(c); h != nil {
			return h
		}
	}
	return nil
}
