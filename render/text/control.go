package text

import "unicode/utf8"

// stripControls returns text without control characters other than tab
// and newline: NUL, CR, ESC, DEL, the C1 controls (U+0080 to U+009F) and
// the rest of C0. A recipient's data can carry them; a plain-text part must
// not. text itself is returned when it has none.
func stripControls(text []byte) []byte {
	i := firstControl(text)
	if i < 0 {
		return text
	}
	out := make([]byte, 0, len(text))
	for i >= 0 {
		out = append(out, text[:i]...)
		_, n := utf8.DecodeRune(text[i:])
		text = text[i+n:]
		i = firstControl(text)
	}
	return append(out, text...)
}

// firstControl returns the index of the first control character to
// remove, or -1.
func firstControl(text []byte) int {
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\t' || c == '\n':
		case c < 0x20 || c == 0x7f:
			return i
		case c == 0xc2 && i+1 < len(text) && text[i+1] >= 0x80 && text[i+1] <= 0x9f:
			return i
		}
	}
	return -1
}
