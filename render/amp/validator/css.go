package validator

import (
	"strings"
)

// cssScanner walks a stylesheet or a style attribute, byte by byte, and
// knows each byte's offset in the document.
type cssScanner struct {
	src  string
	pos  int
	base int // document offset of src[0]
}

func (c *cssScanner) eof() bool { return c.pos >= len(c.src) }

func (c *cssScanner) off() int { return c.base + c.pos }

// skipSpace skips white space and comments.
func (c *cssScanner) skipSpace() {
	for c.pos < len(c.src) {
		switch {
		case isCSSSpace(c.src[c.pos]):
			c.pos++
		case strings.HasPrefix(c.src[c.pos:], "/*"):
			end := strings.Index(c.src[c.pos+2:], "*/")
			if end < 0 {
				c.pos = len(c.src)
				return
			}
			c.pos += end + 4
		default:
			return
		}
	}
}

func isCSSSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

func isIdentByte(b byte) bool {
	return b == '-' || b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

func (c *cssScanner) ident() string {
	start := c.pos
	for c.pos < len(c.src) && (isIdentByte(c.src[c.pos]) || c.src[c.pos] == '\\') {
		if c.src[c.pos] == '\\' {
			c.pos++
		}
		c.pos++
	}
	if c.pos > len(c.src) {
		c.pos = len(c.src)
	}
	return c.src[start:c.pos]
}

// until moves to the first of the stop bytes outside strings, comments and
// brackets, and returns what it passed over.
func (c *cssScanner) until(stops string) string {
	start := c.pos
	depth := 0
	for c.pos < len(c.src) {
		b := c.src[c.pos]
		switch {
		case b == '"' || b == '\'':
			c.skipString(b)
			continue
		case strings.HasPrefix(c.src[c.pos:], "/*"):
			c.skipSpace()
			continue
		case b == '(' || b == '[':
			depth++
		case b == ')' || b == ']':
			if depth > 0 {
				depth--
			}
		case depth == 0 && strings.IndexByte(stops, b) >= 0:
			return c.src[start:c.pos]
		}
		c.pos++
	}
	return c.src[start:c.pos]
}

func (c *cssScanner) skipString(q byte) {
	c.pos++
	for c.pos < len(c.src) && c.src[c.pos] != q && c.src[c.pos] != '\n' {
		if c.src[c.pos] == '\\' {
			c.pos++
		}
		c.pos++
	}
	c.pos++
	if c.pos > len(c.src) {
		c.pos = len(c.src)
	}
}

// block returns the content of a {...} block starting at the current '{'
// and moves past its closing brace. inner is the content's offset.
func (c *cssScanner) block() (content string, inner int) {
	c.pos++
	start := c.pos
	depth := 1
	for c.pos < len(c.src) {
		switch b := c.src[c.pos]; b {
		case '"', '\'':
			c.skipString(b)
			continue
		case '/':
			if strings.HasPrefix(c.src[c.pos:], "/*") {
				c.skipSpace()
				continue
			}
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				c.pos++
				return c.src[start : c.pos-1], start
			}
		}
		c.pos++
	}
	return c.src[start:], start
}

// cssDecl is one "name: value" declaration.
type cssDecl struct {
	name      string
	value     string
	off       int // document offset of the name
	important int // document offset of "!important", or -1
}

// declarations splits a declaration list (a block body or a style
// attribute) into declarations.
func declarations(src string, base int) []cssDecl {
	c := &cssScanner{src: src, base: base}
	var out []cssDecl
	for {
		c.skipSpace()
		if c.eof() {
			return out
		}
		if c.src[c.pos] == ';' {
			c.pos++
			continue
		}
		off := c.off()
		name := c.ident()
		if name == "" {
			c.until(";")
			continue
		}
		c.skipSpace()
		if c.eof() || c.src[c.pos] != ':' {
			c.until(";")
			continue
		}
		c.pos++
		vstart := c.pos
		value := c.until(";")
		d := cssDecl{name: strings.ToLower(name), off: off, important: -1}
		if i := strings.LastIndexByte(value, '!'); i >= 0 && strings.EqualFold(strings.TrimSpace(value[i+1:]), "important") {
			d.important = base + vstart + i
			value = value[:i]
		}
		d.value = strings.TrimSpace(value)
		out = append(out, d)
	}
}
