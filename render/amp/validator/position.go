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
}

func newLineIndex(doc []byte) *lineIndex {
	starts := make([]int, 1, 64)
	for i, c := range doc {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{doc: doc, starts: starts}
}

// pos returns the line and column of byte offset off.
func (x *lineIndex) pos(off int) (line, col int) {
	if off > len(x.doc) {
		off = len(x.doc)
	}
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	return i + 1, utf8.RuneCount(x.doc[x.starts[i]:off])
}
