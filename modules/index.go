package modules

import "math/bits"

// slotIndex lets Select skip, at no cost per module, the modules of a
// slot whose segments a recipient is in none of: a module that names
// segments fails at the segment test when the recipient is in none of
// them, before its when: could run or fail, so leaving it out changes
// nothing but the time.
type slotIndex struct {
	mods []*Module // the slot's modules, in selection order
	// always holds the modules Select must try whatever the recipient's
	// segments: those that name none.
	always moduleSet
	// bySegment holds, for each segment the slot's modules name, the
	// modules that name it, in the order segments are first named.
	bySegment []segmentModules
}

// segmentModules are the modules of a slot that name one segment.
type segmentModules struct {
	segment string
	mods    moduleSet
}

// moduleSet is a set of positions in a slot's selection order, a bit
// each.
type moduleSet []uint64

// newSlotIndex indexes the modules of one slot, given in selection order.
func newSlotIndex(mods []*Module) *slotIndex {
	words := (len(mods) + 63) / 64
	ix := &slotIndex{mods: mods, always: make(moduleSet, words)}
	at := map[string]int{}
	for i, m := range mods {
		if len(m.Segments) == 0 {
			ix.always.add(i)
			continue
		}
		for _, s := range m.Segments {
			k, ok := at[s]
			if !ok {
				k = len(ix.bySegment)
				at[s] = k
				ix.bySegment = append(ix.bySegment, segmentModules{segment: s, mods: make(moduleSet, words)})
			}
			ix.bySegment[k].mods.add(i)
		}
	}
	return ix
}

func (s moduleSet) add(i int) { s[i/64] |= 1 << (i % 64) }

// candidates returns, in buf, the modules Select must try for a
// recipient in the segments in: those naming no segment, and those naming
// one the recipient is in.
func (ix *slotIndex) candidates(in map[string]bool, buf moduleSet) moduleSet {
	buf = append(buf[:0], ix.always...)
	for _, sm := range ix.bySegment {
		if in[sm.segment] {
			for w, word := range sm.mods {
				buf[w] |= word
			}
		}
	}
	return buf
}

// next returns the first module of set at position i or after, and the
// position after it; nil when there is none.
func (ix *slotIndex) next(set moduleSet, i int) (*Module, int) {
	for w := i / 64; w < len(set); w++ {
		word := set[w]
		if w == i/64 {
			word &^= 1<<(i%64) - 1
		}
		if word != 0 {
			k := w*64 + bits.TrailingZeros64(word)
			return ix.mods[k], k + 1
		}
	}
	return nil, len(ix.mods)
}
