package batch

import (
	"fmt"
	"hash/maphash"
	"math"
	"math/bits"
	"sort"

	"github.com/tailor-email/tailor/recipients"
)

// DuplicateError fails a recipient whose ID an earlier recipient of the
// batch has: the earlier one is rendered, this one is not, since both
// would write the same outputs.
type DuplicateError struct {
	At, First string // source:line of this recipient and of the first one
}

// Error names both recipients' places.
func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%s duplicates the recipient at %s", e.At, e.First)
}

// maxLoad is the share of idSet's slots in use past which it grows.
const maxLoad = 0.875

// idSet finds duplicate recipient IDs in bounded memory. It keeps no ID,
// only a 64-bit fingerprint of each (a maphash, seeded per batch) in an
// open-addressing table with linear probing, and, beside it, where the ID
// was first seen: 12 bytes a slot, about 14 bytes an ID when sized for
// the input (see TestIDSet), outside the Go heap (see newTable). Two IDs
// sharing a fingerprint would be taken for duplicates: for n distinct IDs
// that happens with probability about n²/2⁶⁵, 3 in 10⁸ for a million and
// 3 in 10⁶ for ten million.
type idSet struct {
	seed  maphash.Seed
	fps   []uint64 // 0: an empty slot
	at    []uint32 // where each fingerprint was first seen, see place
	free  func()   // gives the table's memory back
	n     int
	where places
}

// newIDSet returns a set sized for about expected IDs (0: unknown).
func newIDSet(expected int64) *idSet {
	s := &idSet{seed: maphash.MakeSeed()}
	s.resize(int(max(1024, float64(expected)/maxLoad+1)))
	return s
}

// check records the recipient's ID and, when an earlier recipient had it,
// returns the error that fails this one.
func (s *idSet) check(id string, rec recipients.Record) error {
	if id == "" {
		return nil
	}
	at := s.where.place(rec)
	fp := maphash.String(s.seed, id) | 1 // never 0, the empty slot
	if first, dup := s.add(fp, at); dup {
		return &DuplicateError{At: rec.Where(), First: s.where.name(first)}
	}
	return nil
}

// add inserts fp, unless it is there already: then it returns where it
// was first seen.
func (s *idSet) add(fp uint64, at uint32) (first uint32, dup bool) {
	if float64(s.n+1) > maxLoad*float64(len(s.fps)) {
		s.resize(2 * len(s.fps))
	}
	i := s.home(fp)
	for ; s.fps[i] != 0; i = s.next(i) {
		if s.fps[i] == fp {
			return s.at[i], true
		}
	}
	s.fps[i], s.at[i] = fp, at
	s.n++
	return 0, false
}

// home is fp's first slot: fp scaled to the table's size.
func (s *idSet) home(fp uint64) int {
	hi, _ := bits.Mul64(fp, uint64(len(s.fps)))
	return int(hi)
}

func (s *idSet) next(i int) int {
	if i++; i == len(s.fps) {
		return 0
	}
	return i
}

// resize moves every fingerprint into a table of size slots.
func (s *idSet) resize(size int) {
	fps, at, free := s.fps, s.at, s.free
	s.fps, s.at, s.free = newTable(size)
	if free != nil {
		defer free()
	}
	for k, fp := range fps {
		if fp == 0 {
			continue
		}
		i := s.home(fp)
		for s.fps[i] != 0 {
			i = s.next(i)
		}
		s.fps[i], s.at[i] = fp, at[k]
	}
}

// bytes is the memory the table holds.
func (s *idSet) bytes() int { return cap(s.fps)*8 + cap(s.at)*4 }

// close gives the table's memory back; the set must not be used after it.
func (s *idSet) close() {
	s.free()
	s.fps, s.at, s.free = nil, nil, nil
}

// heapTable returns a table on the Go heap.
func heapTable(n int) (fps []uint64, at []uint32, free func()) {
	return make([]uint64, n), make([]uint32, n), func() {}
}

// places numbers the lines of a batch's sources in one sequence, so a
// record's source:line fits in a uint32: a record's place is its line
// plus the base of its source. A new base starts whenever the source
// changes, which is once for a file or stdin and once per file for
// fixtures.
type places struct {
	sources []string
	bases   []uint32 // increasing
	last    uint32   // the highest place given
}

// saturated is the place of a line beyond uint32's range.
const saturated = math.MaxUint32

func (p *places) place(rec recipients.Record) uint32 {
	if n := len(p.sources); n == 0 || p.sources[n-1] != rec.Source {
		p.sources, p.bases = append(p.sources, rec.Source), append(p.bases, p.last)
	}
	v := uint64(p.bases[len(p.bases)-1]) + uint64(rec.Line)
	if v >= saturated {
		return saturated
	}
	p.last = max(p.last, uint32(v))
	return uint32(v)
}

// name turns a place back into source:line.
func (p *places) name(v uint32) string {
	k := sort.Search(len(p.bases), func(k int) bool { return p.bases[k] >= v }) - 1
	if v == saturated || k < 0 {
		return "an earlier line, past line 4294967294"
	}
	return fmt.Sprintf("%s:%d", p.sources[k], v-p.bases[k])
}
