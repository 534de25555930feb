package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/tailor-email/tailor/inline"
	"github.com/tailor-email/tailor/templates"
	"github.com/tailor-email/tailor/text"
)

// A module is compiled as it sits in its slot of the email, so that
// selectors reaching across the slot apply and its text part reads as it
// does in the document. Inlining and converting the whole document for
// each module made loading cost the number of modules times the size of
// the document. compileInSlot does it for the module's fragment alone:
//
//   - the HTML: inline.Slots inlines the fragment in a document that
//     keeps only the head and the slot's ancestors, when the document's
//     CSS selects by element and ancestors only, so that the fragment's
//     styles are those it gets in the whole document (see inline.Slots);
//   - the text: what text.Convert writes for the fragment depends on the
//     elements around it and on where the conversion stands when it gets
//     there (a pending blank line, masks waiting for a word). That is
//     read once, from the document's own conversion at the slot's mask,
//     and the fragment's conversion resumes from it (text.State), when
//     the elements around are the same and neither a heading, a link nor
//     running text is around the slot.
//
// With the same styles before the slot (they do not depend on the module
// under those selectors), the document's conversion reaches the slot in
// the state the whole document's would, so the fragment's text is the
// same. Anything else (a selector on siblings, a module with a <style>, a
// slot in a heading) compiles the module in the whole document, as
// before; a test compiles every case both ways.

// docSlots is what the modules of an email's slots compile in without
// the rest of the document, made once with the document.
type docSlots struct {
	inline *inline.Slots
	// states are where the document's text conversion stands at each
	// slot's mask, by mask ("tlr:N").
	states map[string]*text.State
}

// maskOf is the mask comment's data of the action at index i.
func maskOf(i int) string { return "tlr:" + strconv.Itoa(i) }

// docSlots prepares the slots of a masked document, whose text
// conversion stood at each slot's mask in states.
func (c *compiler) docSlots(masked string, states map[string]*text.State) *docSlots {
	markers := make([]string, 0, len(states))
	for m := range states {
		markers = append(markers, "<!--"+m+"-->")
	}
	s, err := inline.NewSlots(masked, markers)
	if err != nil {
		return nil
	}
	return &docSlots{inline: s, states: states}
}

// inSlotBatch is how many modules are inlined in one document (see
// inline.Slots.Inline): the document's CSS is then read and applied once
// for them all, and the batches keep the cores busy.
const inSlotBatch = 32

// slotModule is a module to compile in a slot: the slot's index in the
// document's pieces, the module's name and pieces.
type slotModule struct {
	slot   int
	name   string
	pieces []templates.Piece
}

// compileInSlot compiles modules in their slots of doc without the rest
// of the document, and returns their parts: nil for a module whose part
// it cannot promise to be the one compileSlot makes in the whole
// document (that is then how it compiles, and reports any error).
func (c *compiler) compileInSlot(doc []templates.Piece, modules []slotModule, ds *docSlots) []*part {
	parts := make([]*part, len(modules))
	if ds == nil {
		return parts
	}
	var batch, done []inSlot
	for k, m := range modules {
		mask := maskOf(m.slot)
		at, sl := ds.states[mask], ds.inline.Slot("<!--"+mask+"-->")
		if at == nil || sl == nil {
			continue
		}
		pieces, first, last := slotPieces(doc, m.slot, m.pieces, m.slot)
		masked, err := c.mask(pieces)
		if err != nil {
			continue
		}
		mod := inSlot{k: k, at: at, pieces: pieces, first: first, last: last, inner: masked[len(slotBegin) : len(masked)-len(slotEnd)],
			begin: "tlr:begin:" + strconv.Itoa(k), end: "tlr:end:" + strconv.Itoa(k)}
		if f, ok := sl.Check("<!--" + mod.begin + "-->" + mod.inner + "<!--" + mod.end + "-->"); ok {
			mod.f = f
			batch = append(batch, mod)
		}
	}
	// those that write a <tbody> and those that do not go apart (see
	// inline.Slots.Inline); a group that cannot go together, one by one
	slices.SortStableFunc(batch, func(a, b inSlot) int { return cmp.Compare(b2i(a.f.Tbody()), b2i(b.f.Tbody())) })
	for len(batch) > 0 {
		n := 1
		for n < len(batch) && batch[n].f.Tbody() == batch[0].f.Tbody() {
			n++
		}
		if !c.inlineInSlot(ds.inline, batch[:n]) {
			for i := range n {
				c.inlineInSlot(ds.inline, batch[i:i+1])
			}
		}
		done = append(done, batch[:n]...)
		batch = batch[n:]
	}
	for _, m := range done {
		if m.html == nil {
			continue
		}
		p, err := c.build(modules[m.k].name, *m.html, *m.text, m.pieces, actionsIn(m.pieces, m.first, m.last))
		if err != nil {
			continue
		}
		if slot := modules[m.k].slot; slot < len(doc)-1 { // the whole document's last piece, where an error of no place is put
			p.htmlOrigin.pos = append(p.htmlOrigin.pos, doc[len(doc)-1].Pos)
			p.textOrigin.pos = append(p.textOrigin.pos, doc[len(doc)-1].Pos)
		}
		parts[m.k] = p
		c.inSlot.Add(1)
	}
	return parts
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// inSlot is one module on its way through compileInSlot.
type inSlot struct {
	k           int         // its index among the modules compiled together
	at          *text.State // the document's conversion at the slot
	pieces      []templates.Piece
	first, last int    // its pieces' indexes in pieces
	inner       string // its masked pieces
	begin, end  string // the data of the comments around it
	f           inline.Fragment
	html, text  *string // its parts' sources, once made
}

// inlineInSlot inlines the modules together (see inline.Slots.Inline)
// and converts the result to text, resuming at each module from the
// state of the document's conversion at its slot. It sets the html and
// text of the modules whose conversion could resume there and ended
// settled (see text.State), and reports whether the modules could be
// inlined together at all.
func (c *compiler) inlineInSlot(slots *inline.Slots, mods []inSlot) bool {
	fragments := make([]inline.Fragment, len(mods))
	byMask := map[string]int{}
	for i, m := range mods {
		fragments[i] = m.f
		byMask[m.begin], byMask[m.end] = i, i
	}
	inlined, ok, err := slots.Inline(fragments...)
	if err != nil || !ok {
		return false
	}
	resumed, settled := make([]bool, len(mods)), make([]bool, len(mods))
	cur := -1
	txt := text.Convert(inlined, text.Options{
		OwnLine: func(mask string) bool {
			n, err := strconv.Atoi(strings.TrimPrefix(mask, "tlr:"))
			return err == nil && cur >= 0 && n < len(mods[cur].pieces) && templates.Prints(mods[cur].pieces[n])
		},
		URLKey: func(href string) string {
			if cur < 0 {
				return href
			}
			return actionSource(href, mods[cur].pieces)
		},
		AtMask: func(mask string, s *text.State) {
			i, ok := byMask[mask]
			switch {
			case !ok:
			case mask == mods[i].begin:
				cur = i
				if resumed[i] = s.SameContext(*mods[i].at); resumed[i] {
					s.Resume(*mods[i].at)
				}
			default:
				settled[i] = s.Settled()
			}
		},
	})
	for i := range mods {
		m := &mods[i]
		b, e := "<!--"+m.begin+"-->", "<!--"+m.end+"-->"
		h, ok1 := between(inlined, b, e)
		if c.naive {
			h, ok1 = m.inner, true
		}
		t, ok2 := between(txt, b, e)
		if ok1 && ok2 && resumed[i] && settled[i] {
			t = strings.Trim(t, "\n")
			m.html, m.text = &h, &t
		}
	}
	return true
}
