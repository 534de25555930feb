package preview

import (
	"crypto/sha256"
	"sync"

	"github.com/tailor-email/tailor/check"
)

// lintCache keeps check findings by the hash of the HTML and the options,
// since check.HTML costs more than the render itself and a fixture's
// render is the same on every visit. It forgets everything when full.
type lintCache struct {
	mu  sync.Mutex
	max int
	m   map[[32]byte]lintResult
}

type lintResult struct {
	findings []check.Finding
	err      error
}

func newLintCache(max int) *lintCache {
	return &lintCache{max: max, m: map[[32]byte]lintResult{}}
}

// lint returns check.HTML's findings for doc, from the cache when it can.
func (c *lintCache) lint(file, doc string, opts check.Options) ([]check.Finding, error) {
	h := sha256.New()
	h.Write([]byte(file))
	h.Write([]byte{0})
	for _, cl := range opts.Clients {
		h.Write([]byte(cl))
		h.Write([]byte{0})
	}
	if opts.ListUnsubscribe != nil && *opts.ListUnsubscribe {
		h.Write([]byte{1})
	}
	h.Write([]byte(doc))
	var key [32]byte
	h.Sum(key[:0])
	c.mu.Lock()
	r, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return r.findings, r.err
	}
	fs, err := check.HTML(file, []byte(doc), opts)
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[key] = lintResult{fs, err}
	c.mu.Unlock()
	return fs, err
}
