package inline

import (
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// The HTML renderer escapes "&" and some ">" inside comments, and the
// parser rewrites bogus comments such as "<?php ... ?>". Outlook
// conditional comments and template masks must reach the output byte for
// byte, so each comment is swapped for a numbered placeholder comment
// before parsing and swapped back after rendering.

// comments holds the comments taken out of a document.
type comments struct {
	prefix string   // placeholder prefix, absent from the document
	raw    []string // each comment, verbatim
}

// styleText is the text of one <style> element as written, and where it
// starts in the document.
type styleText struct {
	text  string
	start pos
}

// scanned is what protect learns from the source of a document.
type scanned struct {
	masked   string      // the document with comments replaced
	comments *comments   // what was replaced
	styles   []styleText // the text of each <style>
	implied  map[string]bool
	orders   attrOrders // source attribute order of formatting elements
}

// impliable are the elements the HTML parser adds when the source leaves
// them out. Those it added get no style: juice, working on the source,
// never sees them, and "*" should not reach them.
var impliable = []string{"html", "head", "body", "tbody"}

// protect returns doc with every comment replaced by a placeholder, the
// comments, the text of each <style> element with its place, and which
// impliable elements the source never writes.
func protect(doc string) scanned {
	c := &comments{prefix: "tailor-inline-c"}
	for strings.Contains(doc, c.prefix) {
		c.prefix += "x"
	}
	var b strings.Builder
	b.Grow(len(doc))
	var styles []styleText
	written := make(map[string]bool)
	orders := make(attrOrders)
	z := html.NewTokenizer(strings.NewReader(doc))
	at, off, inStyle := pos{Line: 1, Col: 1}, 0, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				b.WriteString(doc[off:])
			}
			break
		}
		raw := string(z.Raw())
		off += len(raw)
		switch {
		case tt == html.CommentToken:
			b.WriteString("<!--" + c.prefix + strconv.Itoa(len(c.raw)) + "-->")
			c.raw = append(c.raw, raw)
		case tt == html.TextToken && inStyle:
			styles = append(styles, styleText{text: raw, start: at})
			b.WriteString(raw)
		default:
			b.WriteString(raw)
		}
		name, hasAttr := z.TagName()
		inStyle = tt == html.StartTagToken && string(name) == "style"
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			written[string(name)] = true
			orders.record(name, z, hasAttr)
		}
		at = at.Advance(raw)
	}
	implied := make(map[string]bool)
	for _, name := range impliable {
		implied[name] = !written[name]
	}
	return scanned{masked: b.String(), comments: c, styles: styles, implied: implied, orders: orders}
}

// restore puts the comments back into the rendered document.
func (c *comments) restore(out string) string {
	if len(c.raw) == 0 {
		return out
	}
	open := "<!--" + c.prefix
	var b strings.Builder
	b.Grow(len(out) + len(out)/8)
	for {
		i := strings.Index(out, open)
		if i < 0 {
			break
		}
		rest := out[i+len(open):]
		j := strings.Index(rest, "-->")
		n, err := strconv.Atoi(rest[:max(j, 0)])
		if j < 0 || err != nil || n >= len(c.raw) {
			b.WriteString(out[:i+len(open)])
			out = rest
			continue
		}
		b.WriteString(out[:i])
		b.WriteString(c.raw[n])
		out = rest[j+3:]
	}
	b.WriteString(out)
	return b.String()
}
