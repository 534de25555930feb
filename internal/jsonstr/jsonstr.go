package jsonstr

import (
	"math/bits"
	"unicode/utf8"
)

const hex = "0123456789abcdef"

// Append appends s as a JSON string, quotes included: ", \ and control
// characters escaped (\n, \r, \t, \b, \f by name), invalid UTF-8 as
// \ufffd, U+2028 and U+2029 escaped, < > & left as they are. That is byte
// for byte what encoding/json writes with SetEscapeHTML(false).
func Append(dst []byte, s string) []byte {
	dst, _ = AppendContent(append(dst, '"'), s)
	return append(dst, '"')
}

// AppendContent appends s escaped as Append does, without the quotes, and
// reports whether s was valid UTF-8. The content of a concatenation is the
// concatenation of the contents of valid parts.
//
// An HTML part is mostly plain bytes with a few hundred quotes and
// newlines, so it is scanned eight bytes at a time (see specials) and each
// run of plain bytes is copied at once.
func AppendContent(dst []byte, s string) ([]byte, bool) {
	valid := true
	start, i := 0, 0
	for {
		for i+8 <= len(s) {
			if m := specials(word(s[i : i+8])); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			if e := named[b]; e != 0 {
				dst = append(dst, '\\', e)
			} else {
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			if r == utf8.RuneError {
				valid = false
				dst = append(dst, `\ufffd`...)
			} else {
				dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			}
			start = i + size
		}
		i += size
	}
	return append(dst, s[start:]...), valid
}

// Plain returns the index of the first byte of s at or after i that a
// JSON string does not hold as it is ('"', '\\', a control character, a
// byte of a multi-byte character), or len(s) (i, when i > len(s)). A
// decoder uses it to find where a string ends.
func Plain(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if m := specials(word(s[i : i+8])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(s) && plain[s[i]] {
		i++
	}
	return i
}

// word is the eight bytes of w as one little-endian number (one load).
func word(w string) uint64 {
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// specials has the high bit set of each byte of x that is not plain:
// below 0x20, at or above 0x80, '"' or '\\'. (v - ones) &^ v marks the
// zero bytes of v, and x - 0x20*ones the bytes below 0x20; a borrow can
// also mark a byte after a marked one, never before, so the lowest mark is
// always a true one.
func specials(x uint64) uint64 {
	q, bs := x^ones*'"', x^ones*'\\'
	return ((x - ones*0x20) | x | (q-ones)&^q | (bs-ones)&^bs) & highs
}

// named is the escape letter of the ASCII bytes JSON escapes by name.
var named = [utf8.RuneSelf]byte{'"': '"', '\\': '\\', '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f'}

// plain marks the bytes a JSON string holds as they are: printable ASCII
// but " and \.
var plain = func() (t [256]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()
