package templates

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// replaceBound is the length of strings.Replace(src, old, new, -1), which
// sprig's replace old new src returns, from the number of times old occurs.
func replaceBound(args []any) int64 {
	old, repl, src := strArg(args, 0), strArg(args, 1), strArg(args, 2)
	n := int64(len(src))
	if old == repl {
		return n
	}
	m := int64(strings.Count(src, old)) // for "", one more than the runes
	if len(repl) < len(old) {
		return n - m*int64(len(old)-len(repl))
	}
	return add(n, mul(m, int64(len(repl)-len(old))))
}

// caseLen bounds s with each rune mapped to upper, lower or title case:
// strings.Map writes a byte of invalid UTF-8 as U+FFFD, three bytes, and
// some letters grow ('ȿ' is two bytes, 'Ȿ' three).
func caseLen(s string) int64 {
	var n int64
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			n += 3
			continue
		}
		n += max(int64(size), runeLen(unicode.ToUpper(r)), runeLen(unicode.ToLower(r)), runeLen(unicode.ToTitle(r)))
	}
	return n
}

// caseBound bounds upper, lower and title.
func caseBound(args []any) int64 { return caseLen(strArg(args, 0)) }

// camelBound bounds camelcase, which drops separators and changes the case
// of what is left, but writes a string of separators with its last one
// twice.
func camelBound(args []any) int64 { return add(caseLen(strArg(args, 0)), 4) }

// runesCaseBound bounds untitle and swapcase, which convert the string to
// runes (four bytes each) and back.
func runesCaseBound(args []any) int64 {
	s := strArg(args, 0)
	return add(caseLen(s), mul(int64(utf8.RuneCountInString(s)), 4))
}

// wordsCaseBound bounds snakecase and kebabcase: the case mapping, and a
// separator between two words, each at least a rune long.
func wordsCaseBound(args []any) int64 {
	s := strArg(args, 0)
	return add(caseLen(s), int64(utf8.RuneCountInString(s)))
}

// latin1Len is the length of a byte as goutils writes it: it takes each
// byte of the string for a rune, so a byte of a multi-byte character
// becomes a two-byte Latin-1 letter.
func latin1Len(c byte) int64 {
	if c < utf8.RuneSelf {
		return 1
	}
	return 2
}

// initialsBound is the length of goutils' Initials: the first byte of each
// word, as a Latin-1 rune, in a bytes.Buffer copied into a string.
func initialsBound(args []any) int64 {
	s := strArg(args, 0)
	var n int64
	gap := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case unicode.IsSpace(rune(c)):
			gap = true
		case gap:
			n += latin1Len(c)
			gap = false
		}
	}
	return mul(n, 2)
}

// nospaceBound is the length of goutils' DeleteWhiteSpace: it grows a
// string with non-ASCII letters, writing each of their bytes as a Latin-1
// rune, in a bytes.Buffer copied into a string. A string without spaces
// comes back as it is.
func nospaceBound(args []any) int64 {
	s := strArg(args, 0)
	var n int64
	spaces := false
	for i := 0; i < len(s); i++ {
		if unicode.IsSpace(rune(s[i])) {
			spaces = true
			continue
		}
		n += latin1Len(s[i])
	}
	if !spaces {
		return int64(len(s))
	}
	return mul(n, 2)
}

// wrapBound bounds wrap: goutils replaces spaces with newlines, in a
// bytes.Buffer copied into a string.
func wrapBound(args []any) int64 { return mul(int64(len(strArg(args, 1))), 2) }

// wrapWithBound bounds wrapWith width sep s, which cuts long words too.
// Each line but the last ends with sep; a line cut in a long word is width
// bytes, and a line ended at a space reaches past the next line's start
// (its space was the last in reach), so that any two lines take more than
// width bytes: at most 2*(len/width)+1 separators, and one a byte at most.
func wrapWithBound(args []any) int64 {
	w, _ := intArg(args, 0)
	sep, s := strArg(args, 1), strArg(args, 2)
	n := int64(len(s))
	if n == 0 {
		return 0
	}
	if sep == "" {
		sep = "\n"
	}
	w = max(w, 1)
	seps := min(n, add(mul(n/w, 2), 1))
	return mul(add(n, mul(seps, int64(len(sep)))), 2)
}

// quoteMetaBound bounds regexQuoteMeta: regexp.QuoteMeta makes a buffer
// twice the string's length when it has a character to escape, and
// copies what it wrote into a string.
func quoteMetaBound(args []any) int64 {
	s := strArg(args, 0)
	var special int64
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(`\.+*?()|[]{}^$`, s[i]) >= 0 {
			special++
		}
	}
	if special == 0 {
		return int64(len(s))
	}
	n := int64(len(s))
	return sum(mul(n, 2), n, special)
}

// b64encBound bounds base64 encoding: the []byte of the string, the
// encoded buffer, and the string made of it.
func b64encBound(args []any) int64 {
	n := int64(len(strArg(args, 0)))
	return add(n, mul((n+2)/3*4, 2))
}

// b64decBound bounds base64 decoding: the []byte of the string, the
// decoded buffer and its string (or an error's text).
func b64decBound(args []any) int64 {
	n := int64(len(strArg(args, 0)))
	return sum(n, mul(n/4*3+3, 2), 64)
}
