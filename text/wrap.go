package text

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Wrap word-wraps text at width runes a line and tidies it, with one
// allocation.
//
// A line longer than width breaks at runs of spaces (the run is dropped at
// the break; runs inside a line are kept). A word longer than width, a url
// for instance, is never broken: it stands on a line of its own. The lines
// a break creates take the indent of the line they come from, plus the
// width of its list marker ("* " or "12. "), so list items hang.
//
// A line of two or more "*" or of two or more "-" is a heading rule. It is
// resized to the longest other line of its paragraph (the lines between
// blank lines), capped at width, so a heading whose text a template filled
// in per recipient gets rules of the right length, as premailer's
// headings do. A rule with no other line beside it is only cut to width.
//
// Tidying, which is also all that happens when width <= 0: trailing spaces
// and tabs (and "\r") go, runs of blank lines become one blank line, and
// leading and trailing blank lines go. Executed templates leave such lines
// behind (an empty conditional block, an empty token).
func Wrap(text string, width int) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/8 + 16)
	wrap(&b, []byte(text), width)
	return b.String()
}

// WrapPart is Wrap for a whole text part, which ends in a newline, read
// from the bytes a template wrote (in one allocation: the result).
func WrapPart(text []byte, width int) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/8 + 16)
	wrap(&b, text, width)
	b.WriteByte('\n')
	return b.String()
}

// wrap writes Wrap(text, width) to b. A heading rule is sized from the
// lines around it only when one appears, so most lines are not measured.
func wrap(b *strings.Builder, text []byte, width int) {
	blank, started := false, false
	para := 0 // where the current paragraph starts in text
	for at := 0; at < len(text); {
		line, next := text[at:], len(text)
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line, next = line[:i], at+i+1
		}
		if line = trimRight(line); len(line) == 0 {
			blank, para, at = started, next, next
			continue
		}
		if started {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank, started = false, true
		if !isRule(line) {
			wrapLine(b, line, width)
			at = next
			continue
		}
		n := paragraphWidth(text[para:at]) // the lines above it
		if n == 0 {
			n = paragraphWidth(text[next:]) // else the lines below
		}
		if n == 0 {
			n = len(line) // a rule alone keeps its length
		}
		if width > 0 && n > width {
			n = width
		}
		for range n {
			b.WriteByte(line[0])
		}
		at = next
	}
}

// paragraphWidth returns the longest line, in runes, of the paragraph that
// starts text (up to a blank line), rules left out.
func paragraphWidth(text []byte) int {
	n := 0
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		if line = trimRight(line); len(line) == 0 {
			break
		}
		if !isRule(line) {
			n = max(n, runeLen(line))
		}
	}
	return n
}

// wrapLine writes one line, without its newline, wrapped at width.
func wrapLine(b *strings.Builder, line []byte, width int) {
	if width <= 0 || len(line) <= width || runeLen(line) <= width {
		b.Write(line)
		return
	}
	prefix := linePrefix(line)
	hang := len(prefix) // prefix is ASCII
	b.Write(prefix)
	col, onLine := hang, false
	for i := len(prefix); i < len(line); {
		gap := i
		for i < len(line) && line[i] == ' ' {
			i++
		}
		start := i
		for i < len(line) && line[i] != ' ' {
			i++
		}
		if start == i {
			break
		}
		gapLen, wordLen := start-gap, runeLen(line[start:i])
		switch {
		case !onLine:
			b.Write(line[start:i])
			col += wordLen
		case col+gapLen+wordLen <= width:
			b.Write(line[gap:i])
			col += gapLen + wordLen
		default:
			b.WriteByte('\n')
			for range hang {
				b.WriteByte(' ')
			}
			b.Write(line[start:i])
			col = hang + wordLen
		}
		onLine = true
	}
}

// linePrefix returns the leading spaces of line and the list marker ("* ",
// "12. ") that follows them, if any.
func linePrefix(line []byte) []byte {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	switch {
	case bytes.HasPrefix(line[i:], []byte("* ")):
		return line[:i+2]
	case i < len(line) && line[i] >= '0' && line[i] <= '9':
		j := i
		for j < len(line) && line[j] >= '0' && line[j] <= '9' {
			j++
		}
		if bytes.HasPrefix(line[j:], []byte(". ")) {
			return line[:j+2]
		}
	}
	return line[:i]
}

// trimRight drops trailing spaces, tabs and "\r" (without building
// strings.TrimRight's character set on every line).
func trimRight(s []byte) []byte {
	i := len(s)
	for i > 0 && (s[i-1] == ' ' || s[i-1] == '\t' || s[i-1] == '\r') {
		i--
	}
	return s[:i]
}

// isRule reports whether line is a heading rule: two or more "*", or two
// or more "-", and nothing else.
func isRule(line []byte) bool {
	c := line[0]
	if len(line) < 2 || c != '*' && c != '-' {
		return false
	}
	for i := 1; i < len(line); i++ {
		if line[i] != c {
			return false
		}
	}
	return true
}

// runeLen counts the runes of s, with a fast path for ASCII.
func runeLen(s []byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i + utf8.RuneCount(s[i:])
		}
	}
	return len(s)
}
