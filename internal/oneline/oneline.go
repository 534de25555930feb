package oneline

import (
	"strings"
	"unicode/utf8"

	"github.com/tailor-email/tailor/internal/bytewise"
)

// Clean returns s on one line: every run of control characters (C0
// including CR, LF and tab, and DEL) becomes one space, invalid UTF-8
// becomes U+FFFD, and leading and trailing spaces are removed. It
// allocates only when s changes.
func Clean(s string) string {
	if IsClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == 0x7f {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(s[i])
	}
	return strings.Trim(b.String(), " ")
}

// IsClean reports whether Clean(s) == s.
func IsClean(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	ascii := true
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := bytewise.Word(s, i)
		del := x ^ 0x7f*bytewise.Ones
		if ((x-0x20*bytewise.Ones)&^x|(del-bytewise.Ones)&^del|x)&bytewise.Highs != 0 {
			break // a control, DEL or non-ASCII byte: look byte by byte
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c == 0x7f {
			return false
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s)
}
