package escape

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// The CSS escapers: the filter of a property value, and the escaper of
// text in a CSS string or comment.

// cssHex is what cssEscaper writes for the ASCII characters it escapes,
// as CSS escapes; then a space ends an escape that the next character
// could otherwise continue.
var cssHex = map[byte]string{
	0: `\0`, '\t': `\9`, '\n': `\a`, '\f': `\c`, '\r': `\d`,
	'"': `\22`, '&': `\26`, '\'': `\27`, '(': `\28`, ')': `\29`, '+': `\2b`, '/': `\2f`,
	':': `\3a`, ';': `\3b`, '<': `\3c`, '>': `\3e`, '{': `\7b`, '}': `\7d`,
}

// cssText holds cssHex, and `\\` for a backslash, which needs no space.
var cssText = newTable(cssHex, nil).with(map[byte]string{'\\': `\\`})

// cssEscaper is _html_template_cssescaper, for text in a CSS string,
// whatever its content type.
func cssEscaper(v any) string {
	s, _ := textOf(v)
	i := 0
	for i < len(s) && !cssText.hit[s[i]] {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if !cssText.hit[c] {
			b.WriteByte(c)
			continue
		}
		b.WriteString(cssText.ascii[c])
		if c != '\\' && (i+1 == len(s) || isHex(s[i+1]) || isCSSSpace(s[i+1])) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func isCSSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// cssValueFilter is _html_template_cssvaluefilter, for a property value:
// CSS content is kept; other text is kept, with its CSS escapes decoded,
// only when it cannot end the value or the rule, open a string, comment
// or block, or call expression() or -moz-binding. Otherwise it becomes
// "ZgotmplZ".
func cssValueFilter(v any) string {
	s, k := textOf(v)
	if k == kindCSS {
		return s
	}
	d := decodeCSS(s)
	if !safeCSSValue(d) {
		return failsafe
	}
	return d
}

// cssRefused are the bytes a filtered CSS value may not have.
const cssRefused = "\x00\"'()/;@[\\]`{}<>"

// safeCSSValue reports whether the decoded CSS value d has none of
// cssRefused, no "--", and does not spell expression or mozbinding in its
// ASCII letters, digits and underscores, in any case.
func safeCSSValue(d string) bool {
	id := make([]byte, 0, 64)
	for i := 0; i < len(d); i++ {
		c := d[i]
		switch {
		case strings.IndexByte(cssRefused, c) >= 0:
			return false
		case c == '-' && i > 0 && d[i-1] == '-': // "<!--" or "-->"
			return false
		case isLetter(c):
			id = append(id, c|0x20)
		case '0' <= c && c <= '9' || c == '_':
			id = append(id, c)
		}
	}
	return !bytes.Contains(id, []byte("expression")) && !bytes.Contains(id, []byte("mozbinding"))
}

// decodeCSS returns s with its CSS escapes decoded: a backslash and up to
// six hexadecimal digits (then one optional space, "\r\n" counting as
// one) stand for that code point; a backslash and any other character
// for the character. A backslash at the very end is dropped.
func decodeCSS(s string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		s = s[i:]
		if len(s) < 2 {
			return b.String()
		}
		if isHex(s[1]) {
			s = decodeCSSHex(&b, s[1:])
		} else {
			_, n := utf8.DecodeRuneInString(s[1:])
			b.WriteString(s[1 : 1+n])
			s = s[1+n:]
		}
		i = strings.IndexByte(s, '\\')
	}
	b.WriteString(s)
	return b.String()
}

// decodeCSSHex writes the code point of the hexadecimal escape that s
// starts with (after its backslash) and returns what follows it.
func decodeCSSHex(b *strings.Builder, s string) string {
	n, r := 0, rune(0)
	for n < len(s) && n < 6 && isHex(s[n]) {
		r = r<<4 | rune(hexValue(s[n]))
		n++
	}
	if r > utf8.MaxRune {
		r, n = r>>4, n-1 // the last digit is not part of it
	}
	b.WriteRune(r)
	s = s[n:]
	switch {
	case strings.HasPrefix(s, "\r\n"):
		return s[2:]
	case s != "" && isCSSSpace(s[0]):
		return s[1:]
	}
	return s
}

func hexValue(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c | 0x20 - 'a' + 10
}
