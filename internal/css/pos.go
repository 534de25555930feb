package css

import "unicode/utf8"

// Pos is a place in a document: a 1-based line and a 1-based column that
// counts runes. The zero Pos is unknown, and stays unknown when advanced.
type Pos struct{ Line, Col int }

// Advance returns the place reached after reading text from p.
func (p Pos) Advance(text string) Pos {
	if p.Line == 0 {
		return p
	}
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\n':
			p.Line++
			p.Col = 1
			i++
		case c < utf8.RuneSelf:
			p.Col++
			i++
		default:
			_, n := utf8.DecodeRuneInString(text[i:])
			p.Col++
			i += n
		}
	}
	return p
}

// Cursor gives the places of increasing offsets into a text that starts
// at a known place, reading each byte once.
type Cursor struct {
	text  string
	start Pos // where text starts
	off   int // the last offset asked for
	at    Pos // its place
}

// NewCursor returns a cursor over text, which starts at p.
func NewCursor(text string, p Pos) *Cursor { return &Cursor{text: text, start: p, at: p} }

// At returns the place of offset off of the text. An offset before the
// last one asked for is counted again from the start.
func (c *Cursor) At(off int) Pos {
	if off < c.off {
		c.off, c.at = 0, c.start
	}
	c.at = c.at.Advance(c.text[c.off:off])
	c.off = off
	return c.at
}
