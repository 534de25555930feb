package validator

import (
	"sort"
	"unicode/utf8"
)

// lineIndex turns byte offsets into line (1-based) and column (0-based,
// counted in characters) positions.
type lineIndex struct {
	doc    []byte
	starts []int // byte offset of each line start
	ascii  bool  // columns are byte counts
	// the last position computed, to count on from it on the same line
	lastLine, lastOff, lastCol int
}

func newLineIndex(doc []byte) *lineIndex {
	starts := make([]int, 1, 64)
	ascii := true
	for i, c := range doc {
		if c == '\n' {
			starts = append(starts, i+1)
		} else if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	return &lineIndex{doc: doc, starts: starts, ascii: ascii, lastLine: -1}
}

// pos returns the line and column of byte offset off.
func (x *lineIndex) pos(off int) (line, col int) {
	if off > len(x.doc) {
		off = len(x.doc)
	}
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	switch {
	case x.ascii:
		return i + 1, off - x.starts[i]
	case i == x.lastLine && off >= x.lastOff:
		col = x.lastCol + utf8.RuneCount(x.doc[x.lastOff:off])
	default:
		col = utf8.RuneCount(x.doc[x.starts[i]:off])
	}
	x.lastLine, x.lastOff, x.lastCol = i, off, col
	return i + 1, col
}
