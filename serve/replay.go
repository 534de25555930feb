package serve

import (
	"bytes"
	"container/heap"
	"crypto/sha256"
	"encoding/binary"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// IdempotencyHeader names a request's idempotency key: a retried event
// with the same key, within the tolerance window, gets the first answer
// and is not run again.
const IdempotencyHeader = "Idempotency-Key"

// ReplayedHeader is set to "true" on an answer given again to a replay.
const ReplayedHeader = "Idempotent-Replayed"

// replayKey is a hash of one way to name an event request: its signature
// (event, t, the matching v1) or its idempotency key (event, key).
type replayKey [sha256.Size]byte

// replayKeys are the keys of an authenticated event request. A signed
// request always has its signature's, so a fresh Idempotency-Key does not
// make a replay new.
func replayKeys(event string, sig *Signature, idempotencyKey string) []replayKey {
	var keys []replayKey
	if sig != nil {
		keys = append(keys, keyOf(event, "sig", strconv.FormatInt(sig.Unix, 10), string(sig.V1[0])))
	}
	if idempotencyKey != "" {
		keys = append(keys, keyOf(event, "key", idempotencyKey))
	}
	return keys
}

// keyOf hashes parts, each prefixed with its length so no two lists of
// parts give the same bytes.
func keyOf(parts ...string) replayKey {
	h := sha256.New()
	for _, p := range parts {
		h.Write(binary.AppendUvarint(nil, uint64(len(p))))
		h.Write([]byte(p))
	}
	return replayKey(h.Sum(nil))
}

// answer is a response as written, to write again.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// replayEntry is one event request: pending while it runs, then its
// answer until the window closes.
type replayEntry struct {
	keys     []replayKey
	bodySum  [sha256.Size]byte
	signedAt time.Time // the signature's t; zero when unsigned
	answer   *answer   // nil while pending
	expires  time.Time
}

// replays holds the entries of event requests seen within the tolerance
// window. Pending entries stay until their request ends; answered ones
// until the window after the later of the answer and the signature's
// time, since that signature stays valid until then.
type replays struct {
	mu      sync.Mutex
	byKey   map[replayKey]*replayEntry
	done    expiryHeap
	entries int // pending and answered
	limit   int
	window  time.Duration
}

func newReplays(limit int, window time.Duration) *replays {
	return &replays{byKey: map[replayKey]*replayEntry{}, limit: limit, window: window}
}

// claim finds the request's entry by any of its keys or makes one. It
// returns the earlier answer to give again, or a new pending entry the
// caller must finish or abandon, or the error to answer with.
func (c *replays) claim(keys []replayKey, body []byte, signedAt, now time.Time) (*replayEntry, *answer, error) {
	sum := sha256.Sum256(body)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.forget(now)
	for _, k := range keys {
		e := c.byKey[k]
		switch {
		case e == nil:
			continue
		case e.bodySum != sum:
			return nil, nil, &Error{Status: http.StatusUnprocessableEntity, Code: "idempotency_key_reused",
				Message: IdempotencyHeader + " was used with another body within the tolerance window: a new event needs a new key"}
		case e.answer == nil:
			return nil, nil, &Error{Status: http.StatusConflict, Code: "in_progress",
				Message: "the same event is being processed; retry once it has answered, and get its answer"}
		}
		return nil, e.answer, nil
	}
	if c.entries >= c.limit {
		return nil, nil, &Error{Status: http.StatusServiceUnavailable, Code: "replay_cache_full",
			Message: "too many events within the tolerance window (--idempotency-cache); retry later"}
	}
	e := &replayEntry{keys: keys, bodySum: sum, signedAt: signedAt}
	for _, k := range keys {
		c.byKey[k] = e
	}
	c.entries++
	return e, nil, nil
}

// finish keeps e's answer until the window after now, or after the
// signature's time when that is later.
func (c *replays) finish(e *replayEntry, a *answer, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e.answer = a
	e.expires = later(now, e.signedAt).Add(c.window)
	heap.Push(&c.done, e)
}

// abandon drops a pending entry whose request ended without an answer (a
// panic), so that it can be sent again.
func (c *replays) abandon(e *replayEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.drop(e)
}

// forget drops the answered entries whose window closed before now.
func (c *replays) forget(now time.Time) {
	for len(c.done) > 0 && now.After(c.done[0].expires) {
		c.drop(heap.Pop(&c.done).(*replayEntry))
	}
}

func (c *replays) drop(e *replayEntry) {
	for _, k := range e.keys {
		delete(c.byKey, k)
	}
	c.entries--
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// expiryHeap orders answered entries by expiry, soonest first.
type expiryHeap []*replayEntry

func (h expiryHeap) Len() int           { return len(h) }
func (h expiryHeap) Less(i, j int) bool { return h[i].expires.Before(h[j].expires) }
func (h expiryHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *expiryHeap) Push(x any)        { *h = append(*h, x.(*replayEntry)) }
func (h *expiryHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return e
}

// once runs an event request at most once per key: a replay gets the
// first answer, a duplicate of a request still running gets 409.
// Requests without keys simply run.
func (s *Server) once(w http.ResponseWriter, keys []replayKey, body []byte, signedAt time.Time, run func(http.ResponseWriter) error) error {
	if len(keys) == 0 {
		return run(w)
	}
	e, earlier, err := s.replays.claim(keys, body, signedAt, s.clock())
	if err != nil {
		return err
	}
	if earlier != nil {
		earlier.writeTo(w, true)
		return nil
	}
	answered := false
	defer func() {
		if !answered {
			s.replays.abandon(e)
		}
	}()
	rec := &answerWriter{header: http.Header{}}
	if err := run(rec); err != nil {
		writeError(rec, err)
	}
	a := rec.answer()
	s.replays.finish(e, a, s.clock())
	answered = true
	a.writeTo(w, false)
	return nil
}

// answerWriter records a response in memory.
type answerWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *answerWriter) Header() http.Header { return w.header }

func (w *answerWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *answerWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}

func (w *answerWriter) answer() *answer {
	w.WriteHeader(http.StatusOK)
	return &answer{status: w.status, header: w.header.Clone(), body: bytes.Clone(w.body.Bytes())}
}

// writeTo writes the answer, marked as a replay when it is one.
func (a *answer) writeTo(w http.ResponseWriter, replayed bool) {
	for k, v := range a.header {
		w.Header()[k] = slices.Clone(v)
	}
	if replayed {
		w.Header().Set(ReplayedHeader, "true")
	}
	w.WriteHeader(a.status)
	w.Write(a.body)
}
