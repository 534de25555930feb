package bufpool

import "sync"

// Pool recycles byte buffers; the zero value is ready to use.
type Pool struct{ p sync.Pool }

// MaxKept is the largest capacity Put keeps: a buffer that an unusually
// large message grew goes to the garbage collector instead.
const MaxKept = 1 << 20

// Get returns an empty buffer with at least n bytes of capacity. New
// buffers are rounded up to 8 KiB, so one serves messages of about the
// same size.
func (bp *Pool) Get(n int) []byte {
	if b, ok := bp.p.Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:0]
	}
	return make([]byte, 0, (n+8<<10-1)&^(8<<10-1))
}

// Put keeps b for a later Get, if Keeps(b); the caller no longer uses it.
func (bp *Pool) Put(b []byte) {
	if Keeps(b) {
		bp.p.Put(&b)
	}
}

// Keeps reports whether b is worth keeping for reuse: its capacity is at
// most MaxKept. Put keeps only those, and so should any other pool of
// buffers.
func Keeps(b []byte) bool {
	return cap(b) <= MaxKept
}
