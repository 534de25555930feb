package oneline

import (
	"strings"
	"unicode/utf8"
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
	for i := 0; i < len(s); i++ {
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
