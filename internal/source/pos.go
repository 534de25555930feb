package source

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pos is a place in a file. Line and Col are 1-based; Col counts runes,
// as an editor's cursor does.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the place as file:line:col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// At returns an *Error at p.
func (p Pos) At(format string, args ...any) *Error {
	return Errorf(p.File, p.Line, p.Col, format, args...)
}

// Wrap returns an *Error at p whose message is err's.
func (p Pos) Wrap(err error) *Error { return Wrap(p.File, p.Line, p.Col, err) }

// Advance returns the place just after text, read from p. A Pos whose
// Line is 0 is unknown, and stays unknown.
func (p Pos) Advance(text string) Pos {
	if p.Line == 0 {
		return p
	}
	p.Line, p.Col = advance(p.Line, p.Col, text)
	return p
}

// LineCol converts a byte offset in src to a 1-based line and column,
// the column counted in runes. An offset past the end is the end.
func LineCol(src string, off int) (line, col int) {
	return advance(1, 1, src[:clamp(off, len(src))])
}

// advance returns the line and column just after text, read from
// line:col. It is the one place that counts lines and columns.
func advance(line, col int, text string) (int, int) {
	i := strings.LastIndexByte(text, '\n')
	if i < 0 {
		return line, col + utf8.RuneCountInString(text)
	}
	return line + strings.Count(text, "\n"), 1 + utf8.RuneCountInString(text[i+1:])
}

func clamp(off, n int) int { return min(max(off, 0), n) }

// Lines indexes the line starts of a text, for many look-ups in it:
// LineCol is then a binary search and a count within one line.
type Lines struct {
	src    string
	starts []int // byte offset of each line's start
}

// NewLines indexes src.
func NewLines(src string) *Lines {
	l := &Lines{src: src, starts: make([]int, 1, strings.Count(src, "\n")+1)}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// Len is the number of lines.
func (l *Lines) Len() int { return len(l.starts) }

// LineCol is LineCol(src, off).
func (l *Lines) LineCol(off int) (line, col int) {
	off = clamp(off, len(l.src))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	return advance(i+1, 1, l.src[l.starts[i]:off])
}

// Offset is the inverse of LineCol: the byte offset of line:col, and
// false when the text has no such place (col may be one past the line's
// last rune, where its newline is).
func (l *Lines) Offset(line, col int) (int, bool) {
	if line < 1 || line > len(l.starts) || col < 1 {
		return 0, false
	}
	off := l.starts[line-1]
	for ; col > 1; col-- {
		if off >= len(l.src) || l.src[off] == '\n' {
			return 0, false
		}
		_, n := utf8.DecodeRuneInString(l.src[off:])
		off += n
	}
	return off, true
}
