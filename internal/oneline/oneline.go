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
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := word(s, i)
		del := x ^ 0x7f*ones
		if ((x-0x20*ones)&^x|(del-ones)&^del|x)&highs != 0 {
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

// Byte-wise constants for the eight-bytes-at-a-time scan.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// word reads the eight bytes of s at i as one little-endian number; the
// compiler turns it into a single load.
func word(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
