package render

import (
	"github.com/tailor-email/tailor/templates"
)

// ampPart is an email's compiled AMP for Email document. It is nil for an
// email without amp: true in its front matter.
type ampPart struct{}

// compileAMP compiles the AMP part of an email whose front matter says
// amp: true. pieces is the email document as compileEmail prepared it
// (preheader and styles in place); slotAt gives the index in pieces of
// each slot action, in the order of e.slots.
func (c *Campaign) compileAMP(comp *compiler, ce *email, pieces []templates.Piece, slotAt []int) (*ampPart, error) {
	return nil, nil
}

// render executes the AMP part for a recipient whose modules are chosen
// (msg.Modules). It returns the AMP document, or "" and the reason when
// this recipient's AMP part must be left out (the HTML part still goes).
func (a *ampPart) render(w *boundedWriter, d *Data, msg *Message) (amp, dropped string, err error) {
	return "", "", nil
}
