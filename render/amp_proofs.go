package render

import (
	"encoding/binary"
	"hash/maphash"
	"sync"
	"sync/atomic"

	"github.com/tailor-email/tailor/amp/validator"
)

// ampProofs holds what an email's AMP part has proven (validator.Proof):
// one proof per shape, the part for one choice of modules and one way
// through its templates' conditions and loops, without the recipient's
// values. They are found by a hash of where the values go (see key);
// Check then compares every byte around them. Reads take no lock: the
// map is replaced, never changed, when a proof is added.
type ampProofs struct {
	seed     maphash.Seed
	mu       sync.Mutex // serializes adds
	byKey    atomic.Pointer[map[uint64][]*validator.Proof]
	bytes    int // skeleton bytes held, under mu
	maxBytes int // maxProofBytes, but in tests
}

// maxProofBytes bounds the skeletons an email's proofs hold. A part of a
// shape first met once it is reached is validated in full every time.
const maxProofBytes = 16 << 20

func newAMPProofs() *ampProofs {
	c := &ampProofs{seed: maphash.MakeSeed(), maxBytes: maxProofBytes}
	c.byKey.Store(&map[uint64][]*validator.Proof{})
	return c
}

// key hashes a part's shape cheaply: its length without the spans and
// where each span starts in that skeleton. Parts of one shape share it;
// parts of two shapes rarely do, and then Check tells them apart.
func (c *ampProofs) key(doc string, spans []validator.Span) uint64 {
	var b [8 * 64]byte
	h := maphash.Hash{}
	h.SetSeed(c.seed)
	n, skipped := 0, 0
	for _, s := range spans {
		binary.LittleEndian.PutUint64(b[n:], uint64(s.Start-skipped))
		skipped += s.End - s.Start
		if n += 8; n == len(b) {
			h.Write(b[:])
			n = 0
		}
	}
	binary.LittleEndian.PutUint64(b[n:], uint64(len(doc)-skipped))
	h.Write(b[:n+8])
	return h.Sum64()
}

// find returns the proof of doc's shape that passes doc, or nil.
func (c *ampProofs) find(key uint64, doc string, spans []validator.Span) *validator.Proof {
	for _, p := range (*c.byKey.Load())[key] {
		if p.Check(doc, spans) {
			return p
		}
	}
	return nil
}

// add keeps p under key, unless a proof of its shape is there already
// or the bound is reached.
func (c *ampProofs) add(key uint64, p *validator.Proof) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := *c.byKey.Load()
	for _, q := range old[key] {
		if q.Skeleton() == p.Skeleton() {
			return
		}
	}
	if c.bytes+len(p.Skeleton()) > c.maxBytes {
		return
	}
	m := make(map[uint64][]*validator.Proof, len(old)+1)
	for k, v := range old {
		m[k] = v
	}
	m[key] = append(old[key][:len(old[key]):len(old[key])], p)
	c.bytes += len(p.Skeleton())
	c.byKey.Store(&m)
}

// size is how many proofs are held.
func (c *ampProofs) size() int {
	n := 0
	for _, ps := range *c.byKey.Load() {
		n += len(ps)
	}
	return n
}

// validate validates a recipient's AMP part, doc, whose spans are where
// its templates printed values (tracked is false when they are unknown).
// It returns "" when doc passes, else why it is left out. A part of a
// shape already proven has its spans checked (validator.Proof.Check);
// any other, and every part under amp: {validate: each}, is validated in
// full, and a passing one proves its shape for the next.
func (a *ampPart) validate(doc string, spans []validator.Span, tracked bool) string {
	if a.validateEach || !tracked {
		a.observed(false)
		return validationReason(validator.Validate([]byte(doc)))
	}
	key := a.proofs.key(doc, spans)
	if a.proofs.find(key, doc, spans) != nil {
		a.observed(true)
		return ""
	}
	a.observed(false)
	res, p := validator.Prove([]byte(doc), spans)
	if p != nil {
		a.proofs.add(key, p)
	}
	return validationReason(res)
}

func validationReason(res validator.Result) string {
	if res.Pass {
		return ""
	}
	return "AMP validation failed: " + res.Summary()
}

func (a *ampPart) observed(byProof bool) {
	if a.observe != nil {
		a.observe(byProof)
	}
}
