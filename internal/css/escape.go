package css

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Value returns what a token stands for, escapes decoded (CSS Syntax 3,
// 4.3.7): an identifier, at-keyword, hash or function without its "@",
// "#" or "("; a string without its quotes; a URL without "url(", its
// quotes and ")". Other tokens stand for their text.
func (t Token) Value() string {
	switch t.Kind {
	case Ident:
		return Unescape(t.Text)
	case AtKeyword, Hash:
		return Unescape(t.Text[1:])
	case Function:
		return Unescape(t.Text[:len(t.Text)-1])
	case String, BadString:
		s := t.Text[1:]
		if t.Kind == String && !t.Unclosed() {
			s = s[:len(s)-1]
		}
		return Unescape(s)
	case URL, BadURL:
		return urlValue(t.Text)
	}
	return t.Text
}

// urlValue returns the address of a url(...) token, unquoted.
func urlValue(text string) string {
	s := text[strings.IndexByte(text, '(')+1:]
	s = strings.TrimSuffix(s, ")")
	s = strings.Trim(s, " \t\r\n\f")
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		return Token{Kind: String, Text: s}.Value()
	}
	return Unescape(s)
}

// Unescape decodes the escapes of an identifier or string: a backslash
// and up to six hex digits (and one white space after them) stand for a
// code point, a backslash and a newline for nothing (a string continued
// on the next line), a backslash and any other character for that
// character. Code point zero, surrogates and code points past U+10FFFF
// become U+FFFD.
func Unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			i++
			continue
		}
		r, end := escape(s, i)
		if r >= 0 {
			b.WriteRune(r)
		}
		i = end
	}
	return b.String()
}

// escape decodes the escape at s[i] (a backslash) and returns its code
// point, or -1 when it stands for nothing, and the offset past it.
func escape(s string, i int) (rune, int) {
	i++
	switch {
	case i >= len(s):
		return -1, i
	case isNewline(s[i]):
		return -1, newlineEnd(s, i)
	case !isHex(s[i]):
		r, n := utf8.DecodeRuneInString(s[i:])
		return r, i + n
	}
	j := i
	for j < len(s) && j-i < 6 && isHex(s[j]) {
		j++
	}
	n, _ := strconv.ParseUint(s[i:j], 16, 32)
	r := rune(n)
	if n == 0 || n > utf8.MaxRune || r >= 0xD800 && r <= 0xDFFF {
		r = utf8.RuneError
	}
	if j < len(s) && isSpace(s[j]) {
		j = newlineEnd(s, j)
	}
	return r, j
}

// newlineEnd returns the offset past the white space character at s[i],
// taking \r\n as one.
func newlineEnd(s string, i int) int {
	if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
		return i + 2
	}
	return i + 1
}

// escapedURL reports whether a function token names url through escapes
// (u\72 l(), and rest, what follows it, does not start with a quote: CSS
// Syntax 3 reads that as a URL token, which the lexer does only for a
// name written without hex escapes.
func escapedURL(fn, rest string) bool {
	if strings.EqualFold(fn, "url(") || !strings.EqualFold(Unescape(fn[:len(fn)-1]), "url") {
		return false
	}
	rest = strings.TrimLeft(rest, " \t\r\n\f")
	return rest == "" || rest[0] != '"' && rest[0] != '\''
}

// urlToken reads the URL token that starts at start with a function
// token ending at i (CSS Syntax 3, 4.3.6).
func urlToken(src string, start, i int) Token {
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	for i < len(src) {
		switch c := src[i]; {
		case c == ')':
			return Token{Kind: URL, Text: src[start : i+1], Off: start}
		case isSpace(c):
			j := i
			for j < len(src) && isSpace(src[j]) {
				j++
			}
			if j < len(src) && src[j] != ')' {
				return badURL(src, start, j)
			}
			i = j
		case c == '"' || c == '\'' || c == '(' || nonPrintable(c):
			return badURL(src, start, i)
		case c == '\\' && (i+1 < len(src) && isNewline(src[i+1])):
			return badURL(src, start, i)
		case c == '\\':
			_, i = escape(src, i)
		default:
			i++
		}
	}
	return Token{Kind: URL, Text: src[start:], Off: start}
}

// badURL reads the rest of a bad URL from i, through its ")".
func badURL(src string, start, i int) Token {
	for i < len(src) {
		switch {
		case src[i] == ')':
			return Token{Kind: BadURL, Text: src[start : i+1], Off: start}
		case src[i] == '\\' && i+1 < len(src) && !isNewline(src[i+1]):
			_, i = escape(src, i)
		default:
			i++
		}
	}
	return Token{Kind: BadURL, Text: src[start:], Off: start}
}

func isSpace(c byte) bool   { return c == ' ' || c == '\t' || isNewline(c) }
func isNewline(c byte) bool { return c == '\n' || c == '\r' || c == '\f' }
func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// nonPrintable is CSS Syntax 3's non-printable code point.
func nonPrintable(c byte) bool {
	return c <= 0x08 || c == 0x0B || c >= 0x0E && c <= 0x1F || c == 0x7F
}
