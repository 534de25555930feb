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

// cssDecl is one "name: value" declaration, or a syntax error where one
// was expected (problem is then an error code).
type cssDecl struct {
	name      string
	value     string
	off       int // document offset of the name
	valueOff  int // document offset of the (trimmed) value
	important int // document offset of "!important", or -1
	problem   string
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
			out = append(out, cssDecl{off: off, problem: "CSS_SYNTAX_INVALID_DECLARATION"})
			c.until(";")
			continue
		}
		c.skipSpace()
		if c.eof() || c.src[c.pos] != ':' {
			out = append(out, cssDecl{name: name, off: off, problem: "CSS_SYNTAX_INCOMPLETE_DECLARATION"})
			c.until(";")
			continue
		}
		c.pos++
		vstart := c.pos
		value := c.until(";")
		d := cssDecl{name: strings.ToLower(name), off: off, valueOff: base + vstart, important: -1}
		if i := strings.LastIndexByte(value, '!'); i >= 0 && strings.EqualFold(strings.TrimSpace(value[i+1:]), "important") {
			d.important = base + vstart + i
			value = value[:i]
		}
		d.valueOff += len(value) - len(strings.TrimLeft(value, " \t\n\r\f"))
		d.value = strings.TrimSpace(value)
		out = append(out, d)
	}
}

// cssURL is a url(...) found in a declaration value.
type cssURL struct {
	off int    // document offset of "url("
	url string // the URL, unquoted
	bad bool   // not a valid url token (a stray quote, parenthesis or space)
}

// urlsIn finds the url(...) tokens of a declaration value.
func urlsIn(value string, base int) []cssURL {
	var out []cssURL
	lower := strings.ToLower(value)
	for i := 0; ; {
		j := strings.Index(lower[i:], "url(")
		if j < 0 {
			return out
		}
		start := i + j
		k := start + 4
		for k < len(value) && isCSSSpace(value[k]) {
			k++
		}
		u := cssURL{off: base + start}
		if k < len(value) && (value[k] == '"' || value[k] == '\'') {
			end := strings.IndexByte(value[k+1:], value[k])
			if end < 0 {
				u.bad = true
				return append(out, u)
			}
			u.url = value[k+1 : k+1+end]
			i = k + 2 + end
		} else {
			end := strings.IndexByte(value[k:], ')')
			if end < 0 {
				end = len(value) - k
			}
			u.url = strings.TrimSpace(value[k : k+end])
			u.bad = strings.ContainsAny(u.url, "\"'( \t\n")
			i = k + end
		}
		out = append(out, u)
	}
}

// urlProblem returns the error code and parameter for a url(...) in CSS:
// only https and relative URLs load in email.
func urlProblem(u cssURL) (code, param string) {
	if u.bad {
		return "CSS_SYNTAX_BAD_URL", ""
	}
	if m := schemeRe.FindStringSubmatch(u.url); m != nil && !strings.EqualFold(m[1], "https") {
		return "CSS_SYNTAX_INVALID_URL_PROTOCOL", strings.ToLower(m[1])
	}
	return "", ""
}
