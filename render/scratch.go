package render

import "sync"

// scratch lends each render the buffer its parts are executed into, so a
// batch allocates each part's output once, at its size, instead of growing
// a fresh buffer per part and recipient.
var scratch scratchPool

type scratchPool struct{ p sync.Pool }

// maxScratch is the largest buffer kept for reuse: one that an unusually
// large render grew goes to the garbage collector instead.
const maxScratch = 1 << 20

func (s *scratchPool) get() []byte {
	if b, ok := s.p.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, 16<<10)
}

func (s *scratchPool) put(b []byte) {
	if cap(b) <= maxScratch {
		s.p.Put(&b)
	}
}
