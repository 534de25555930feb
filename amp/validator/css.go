package validator

import (
	"strconv"
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
	for c.pos < len(c.src) {
		switch b := c.src[c.pos]; {
		case b == '\\' && c.pos+1 < len(c.src):
			c.pos++
			if !isHex(c.src[c.pos]) {
				c.pos++ // an escaped character
				continue
			}
			for n := 0; n < 6 && c.pos < len(c.src) && isHex(c.src[c.pos]); n++ {
				c.pos++
			}
			if c.pos < len(c.src) && isCSSSpace(c.src[c.pos]) {
				c.pos++ // a hex escape may end with one space
			}
		case isIdentByte(b):
			c.pos++
		default:
			return c.src[start:c.pos]
		}
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
	off       int   // document offset of the name
	valueOff  int   // document offset of the (trimmed) value
	important int   // document offset of "!important", or -1
	valueAt   []int // value byte -> offset in the source, when escapes were decoded
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
		name, _ = unescapeCSS(name)
		d := cssDecl{name: strings.ToLower(name), off: off, valueOff: base + vstart, important: -1}
		value, at := unescapeCSS(value)
		if i := strings.LastIndexByte(value, '!'); i >= 0 && strings.EqualFold(strings.TrimSpace(value[i+1:]), "important") {
			d.important = base + vstart + origin(at, i)
			value = value[:i]
		}
		d.valueOff += origin(at, len(value)-len(strings.TrimLeft(value, " \t\n\r\f")))
		d.value = strings.TrimSpace(value)
		d.valueAt = at
		out = append(out, d)
	}
}

// origin maps an index of a decoded string back to the source (at is
// nil when nothing was decoded).
func origin(at []int, i int) int {
	if at == nil {
		return i
	}
	if i < len(at) {
		return at[i]
	}
	if len(at) == 0 {
		return i
	}
	return at[len(at)-1] + 1
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

// unescapeCSS decodes CSS escapes (\\72 or \\r) so that "u\\72 l(" is seen
// as "url(". at maps each byte of the result to its offset in s.
func unescapeCSS(s string) (out string, at []int) {
	if !strings.Contains(s, "\\") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			at = append(at, i)
			i++
			continue
		}
		start, j := i, i+1
		for j < len(s) && j-i <= 6 && isHex(s[j]) {
			j++
		}
		if j == i+1 { // an escaped character stands for itself
			b.WriteByte(s[j])
			at = append(at, start)
			i = j + 1
			continue
		}
		n, _ := strconv.ParseUint(s[i+1:j], 16, 32)
		if j < len(s) && isCSSSpace(s[j]) {
			j++
		}
		r := string(rune(n))
		b.WriteString(r)
		for range r {
			at = append(at, start)
		}
		i = j
	}
	return b.String(), at
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// unterminatedComment returns the offset in s of a comment that never
// ends, or -1.
func unterminatedComment(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\'':
			q := s[i]
			for i++; i < len(s) && s[i] != q && s[i] != '\n'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '/':
			if i+1 < len(s) && s[i+1] == '*' {
				end := strings.Index(s[i+2:], "*/")
				if end < 0 {
					return i
				}
				i += end + 3
			}
		}
	}
	return -1
}
