package text

import (
	"strings"
	"unicode/utf8"

	"github.com/tailor-email/tailor/internal/bytewise"
)

// StripControls returns s without control characters other than tab and
// newline: NUL, CR, ESC, DEL, the C1 controls (U+0080 to U+009F) and the
// rest of C0. A recipient's data can carry them; a plain-text part must
// not. s itself is returned, without allocating, when it has none.
func StripControls(s string) string {
	i := firstControl(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		_, n := utf8.DecodeRuneInString(s[i:])
		s = s[i+n:]
		i = firstControl(s)
	}
	b.WriteString(s)
	return b.String()
}

// firstControl returns the index of the first control character to
// remove, or -1.
func firstControl(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if !mayHoldControl(bytewise.Word(s, i)) {
			continue
		}
		for j := i; j < i+8; j++ {
			if suspect[s[j]] && isControlAt(s, j) {
				return j
			}
		}
	}
	for ; i < len(s); i++ {
		if suspect[s[i]] && isControlAt(s, i) {
			return i
		}
	}
	return -1
}

// mayHoldControl reports whether one of the eight bytes in x is below
// 0x20, 0x7f or 0xc2: whether the word needs the byte-wise look. Tab and
// newline count, so a word holding one is looked at byte by byte.
func mayHoldControl(x uint64) bool {
	below := (x - 0x20*bytewise.Ones) &^ x
	del, c2 := x^0x7f*bytewise.Ones, x^0xc2*bytewise.Ones
	return (below|(del-bytewise.Ones)&^del|(c2-bytewise.Ones)&^c2)&bytewise.Highs != 0
}

// suspect marks the bytes that may start a control character to remove:
// C0 but tab and newline, DEL, and 0xc2, which starts C1 and other runes.
var suspect = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n'
	}
	t[0x7f], t[0xc2] = true, true
	return t
}()

// isControlAt reports whether the suspect byte at s[i] starts a control
// character: anything but a 0xc2 that does not start U+0080 to U+009F.
func isControlAt(s string, i int) bool {
	return s[i] != 0xc2 || i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f
}

// firstControlByte is firstControl written the plain way, for the tests.
func firstControlByte(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\t' || c == '\n':
		case c < 0x20 || c == 0x7f:
			return i
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			return i
		}
	}
	return -1
}
