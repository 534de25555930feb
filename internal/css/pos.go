package css

import "github.com/tailor-email/tailor/internal/source"

// Pos is a place in a document (see source.Pos: columns count runes); a
// Pos whose Line is 0 is unknown, and stays unknown when advanced.
type Pos = source.Pos

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
