package text

import (
	"slices"

	"golang.org/x/net/html"
)

// State is where a conversion stands between two nodes: what decides how
// the rest of the document is written, less the text written so far.
// Options.AtMask shows it at each mask comment, and can replace it by the
// state another conversion was in, so that a part of a document can be
// converted as it would be in another.
type State struct {
	w         writerState
	pre       int  // <pre> elements around
	listDepth int  // lists around
	data      bool // in a data table
	layout    bool // no table around, or the nearest is a layout table by its role
	nested    int  // headings and links around: their text is written again
	running   bool // the mask sits in running text (inRunningText)
	cell      bool // in a cell written on its row's line
}

// writerState is a writer's state but its text.
type writerState struct {
	nl, brk                   int
	space                     bool
	sep                       string
	masks                     []string
	maskAt, maskPre, boundary int
	indent, bullet            string
	skip                      bool
}

// SameContext reports whether s stands in the same elements as t as far
// as the conversion goes (preformatted, list), neither inside a heading
// or a link (whose text is rewritten once whole) nor in a table that is
// not a layout table by its role (whether it reads as data depends on all
// of its cells), and t not in running text (where the text beside the
// mask decides how what stands in its place is written). s may then
// resume from t (Resume).
func (s State) SameContext(t State) bool {
	return s.pre == t.pre && s.listDepth == t.listDepth && s.layout && t.layout &&
		s.nested == 0 && t.nested == 0 && !t.running && !s.cell && !t.cell
}

// Resume makes s go on as t would: pending breaks, spaces, masks, the
// line's indent and bullet. The elements around are s's.
func (s *State) Resume(t State) {
	s.w = t.w
	s.w.masks = slices.Clone(t.w.masks)
}

// Settled reports whether the masks waiting to be written go out in the
// order they came, without a line prefix (a list item's bullet) between
// them, whatever comes after: the text up to here is then written the
// same whatever follows.
func (s State) Settled() bool { return len(s.w.masks) == s.w.maskPre }

// state returns the conversion's state at mask comment n.
func (c *converter) state(n *html.Node) State {
	w := c.w
	return State{
		w: writerState{nl: w.nl, brk: w.brk, space: w.space, sep: w.sep, masks: slices.Clone(w.masks),
			maskAt: w.maskAt, maskPre: w.maskPre, boundary: w.boundary, indent: w.indent, bullet: w.bullet, skip: w.skip},
		pre: c.pre, listDepth: c.listDepth, data: c.data, layout: !c.inTable || c.layoutTable,
		nested: c.nested, running: inRunningText(n), cell: c.inCell,
	}
}

// atMask shows the state at mask comment n to Options.AtMask and goes on
// from the state it leaves.
func (c *converter) atMask(n *html.Node) {
	st := c.state(n)
	c.opts.AtMask(n.Data, &st)
	w := c.w
	w.nl, w.brk, w.space, w.sep = st.w.nl, st.w.brk, st.w.space, st.w.sep
	w.masks = append(w.masks[:0], st.w.masks...)
	w.maskAt, w.maskPre, w.boundary = st.w.maskAt, st.w.maskPre, st.w.boundary
	w.indent, w.bullet, w.skip = st.w.indent, st.w.bullet, st.w.skip
}
