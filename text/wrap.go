package text

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

// Wrap word-wraps text at width runes a line and tidies it, with one
// allocation.
//
// A line longer than width breaks at runs of spaces (the run is dropped at
// the break; runs inside a line are kept). A word longer than width, a url
// for instance, is never broken: it stands on a line of its own. A link's
// url as FromHTML writes it, "(https://...)", that does not fit on a line
// even alone goes without its parentheses: a bare url on a line of its
// own, the punctuation that followed it before the break. The lines
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
	wrap(&b, []byte(text), width, nil)
	return b.String()
}

// WrapPart is Wrap for a whole text part, which ends in a newline, read
// from the bytes a template wrote, with its links' urls where links says
// (in one allocation, the result, with LinksInline).
func WrapPart(text []byte, width int, links Links) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/8 + 16)
	var r *refs
	if links == LinksReferences {
		r = &refs{}
	}
	wrap(&b, text, width, r)
	if r != nil {
		r.write(&b)
	}
	b.WriteByte('\n')
	return b.String()
}

// wrap writes Wrap(text, width) to b, links' urls numbered in r when it is
// not nil. A heading rule is sized from the lines around it only when one
// appears, so most lines are not measured.
func wrap(b *strings.Builder, text []byte, width int, r *refs) {
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
			wrapLine(b, line, width, r)
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

// wrapLine writes one line, without its newline, wrapped at width, with
// the urls of its links numbered in r when r is not nil.
func wrapLine(b *strings.Builder, line []byte, width int, r *refs) {
	n := len(line)
	if width > 0 && n > width {
		n = runeLen(line)
	}
	if (width <= 0 || n <= width) && (r == nil || !bytes.Contains(line, linkOpen)) {
		b.Write(line)
		return
	}
	prefix := linePrefix(line)
	b.Write(prefix)
	rest := line[len(prefix):]
	if n == len(line) && r == nil && len(rest) > 0 && rest[0] != ' ' && !bytes.Contains(rest, linkOpen) {
		wrapASCII(b, rest, width, len(prefix))
		return
	}
	wrapWords(b, rest, width, len(prefix), n == len(line), r)
}

// wrapASCII writes rest, the words of a line of ASCII after its prefix
// (starting with a word), wrapped at width with hang spaces before each
// new line: the breaks wrapWords makes, found a line at a time.
func wrapASCII(b *strings.Builder, rest []byte, width, hang int) {
	for {
		avail := width - hang
		if len(rest) <= avail {
			b.Write(rest)
			return
		}
		end := bytes.LastIndexByte(rest[:max(avail, 0)+1], ' ')
		if end <= 0 { // the first word does not fit: it goes whole
			if end = bytes.IndexByte(rest, ' '); end < 0 {
				b.Write(rest)
				return
			}
		}
		for rest[end-1] == ' ' {
			end--
		}
		b.Write(rest[:end])
		rest = rest[end:]
		for len(rest) > 0 && rest[0] == ' ' {
			rest = rest[1:]
		}
		if len(rest) == 0 {
			return
		}
		newLine(b, hang)
	}
}

// wrapWords writes line, the rest of a line after its prefix, a word at
// a time, wrapped at width with hang spaces before each new line; ascii
// says a word's bytes are its runes.
func wrapWords(b *strings.Builder, line []byte, width, hang int, ascii bool, r *refs) {
	col, onLine := hang, false
	for i := 0; i < len(line); {
		gap := i
		for i < len(line) && line[i] == ' ' {
			i++
		}
		start := i
		if j := bytes.IndexByte(line[i:], ' '); j >= 0 {
			i += j
		} else {
			i = len(line)
		}
		if start == i {
			break
		}
		word := line[start:i]
		var url, punct []byte
		isLink := false
		if word[0] == '(' {
			url, punct, isLink = linkWord(word)
		}
		if isLink && r != nil && len(url) > RefMin {
			word, isLink = r.label(url, punct), false
		}
		gapLen, wordLen := start-gap, len(word)
		if !ascii {
			wordLen = runeLen(word)
		}
		switch {
		case isLink && width > 0 && hang+wordLen > width:
			bareURL(b, url, punct, onLine, hang)
			col = hang + wordLen // past width: the next word starts a line
		case !onLine:
			b.Write(word)
			col += wordLen
		case width <= 0 || col+gapLen+wordLen <= width:
			b.Write(line[gap:start])
			b.Write(word) // not line[gap:i]: word may be a reference
			col += gapLen + wordLen
		default:
			newLine(b, hang)
			b.Write(word)
			col = hang + wordLen
		}
		onLine = true
	}
}

// bareURL writes a link's url that does not fit on a line with its
// parentheses on a line of its own, without them. The punctuation that
// followed the link ends the line before, or, at the start of a line,
// follows the url after a space.
func bareURL(b *strings.Builder, url, punct []byte, onLine bool, hang int) {
	if onLine {
		b.Write(punct)
		newLine(b, hang)
	}
	b.Write(url)
	if !onLine && len(punct) > 0 {
		b.WriteByte(' ')
		b.Write(punct)
	}
}

// newLine ends the line and indents the next one by hang spaces.
func newLine(b *strings.Builder, hang int) {
	b.WriteByte('\n')
	for range hang {
		b.WriteByte(' ')
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
	i, eight := 1, uint64(c)*0x0101010101010101
	for i+8 <= len(line) && binary.LittleEndian.Uint64(line[i:]) == eight {
		i += 8
	}
	for ; i < len(line); i++ {
		if line[i] != c {
			return false
		}
	}
	return true
}

// runeLen counts the runes of s, eight ASCII bytes at a time. Past the
// first non-ASCII byte it counts the bytes that start a character (not
// UTF-8 continuation bytes): utf8.RuneCount on bytes copies them to a
// string, an allocation on every long line.
func runeLen(s []byte) int {
	i := 0
	for i+8 <= len(s) && binary.LittleEndian.Uint64(s[i:])&0x8080808080808080 == 0 {
		i += 8
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			n := i
			for _, c := range s[i:] {
				if c&0xC0 != 0x80 {
					n++
				}
			}
			return n
		}
	}
	return len(s)
}
