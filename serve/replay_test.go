package serve

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/tailor-email/tailor/smtp"
	"github.com/tailor-email/tailor/smtp/smtptest"
)

// testClock is a server clock that tests move by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

const boxedBody = `{"profile":{"id":"c-1","email":"a@example.com"}}`

// boxedServer signs every event with the secret "global" and writes the
// boxed event's messages to the returned outbox.
func boxedServer(t *testing.T, clock *testClock, opts Options) (*Server, string) {
	t.Helper()
	opts.Secret, opts.Outbox, opts.Clock = "global", t.TempDir(), clock.Now
	s, _ := newServer(t, "", opts)
	return s, opts.Outbox
}

func TestReplayedEventRunsOnce(t *testing.T) {
	clock := &testClock{now: testNow}
	s, out := boxedServer(t, clock, Options{})
	h := s.Handler()
	sig := Sign(testNow, []byte(boxedBody), "global")
	var answers []*httptest.ResponseRecorder
	for range 3 {
		answers = append(answers, do(h, "POST", "/v1/events/boxed", boxedBody, SignatureHeader, sig))
		clock.Add(time.Minute)
	}
	if answers[0].Code != 200 || answers[0].Header().Get(ReplayedHeader) != "" {
		t.Fatalf("first: %d %v %s", answers[0].Code, answers[0].Header(), answers[0].Body)
	}
	for i, rec := range answers[1:] {
		if rec.Header().Get(ReplayedHeader) != "true" {
			t.Errorf("replay %d: no %s: true", i+1, ReplayedHeader)
		}
		rec.Header().Del(ReplayedHeader)
		sameAnswer(t, "replay", answers[0], rec)
	}
	if n := outboxFiles(t, out, "boxed"); n != 1 {
		t.Fatalf("three sends of one signed event wrote %d outbox files, want 1", n)
	}
}

func TestIdempotencyKeys(t *testing.T) {
	body := []byte(boxedBody)
	tests := []struct {
		name      string
		requests  [][]string // headers of each request, sent in order
		lastCode  int        // the last request's status
		files     int
		lastError string
	}{
		{"a fresh key on a replayed signature is still a replay", [][]string{
			{SignatureHeader, Sign(testNow, body, "global"), IdempotencyHeader, "a"},
			{SignatureHeader, Sign(testNow, body, "global"), IdempotencyHeader, "b"},
			{SignatureHeader, Sign(testNow, body, "global")},
		}, 200, 1, ""},
		{"one key over two signatures runs once", [][]string{
			{SignatureHeader, Sign(testNow, body, "global"), IdempotencyHeader, "k"},
			{SignatureHeader, Sign(testNow.Add(time.Second), body, "global"), IdempotencyHeader, "k"},
		}, 200, 1, ""},
		{"two signatures without a key run twice", [][]string{
			{SignatureHeader, Sign(testNow, body, "global")},
			{SignatureHeader, Sign(testNow.Add(time.Second), body, "global")},
		}, 200, 2, ""},
		{"a key is per event", [][]string{
			{SignatureHeader, Sign(testNow, body, "global"), IdempotencyHeader, "k"},
		}, 200, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out := boxedServer(t, &testClock{now: testNow}, Options{})
			h := s.Handler()
			if tt.name == "a key is per event" { // the same key, used first on another event
				do(h, "POST", "/v1/events/purchase", `{"profile":{},"event":{"total":1}}`, SignatureHeader, Sign(testNow, []byte(`{"profile":{},"event":{"total":1}}`), "global"), IdempotencyHeader, "k")
			}
			var rec *httptest.ResponseRecorder
			for _, hdr := range tt.requests {
				rec = do(h, "POST", "/v1/events/boxed", boxedBody, hdr...)
			}
			if rec.Code != tt.lastCode || outboxFiles(t, out, "boxed") != tt.files {
				t.Fatalf("last answer %d %s, %d outbox files; want %d and %d", rec.Code, rec.Body, outboxFiles(t, out, "boxed"), tt.lastCode, tt.files)
			}
		})
	}
}

func TestIdempotencyKeyWithAnotherBody(t *testing.T) {
	s, out := boxedServer(t, &testClock{now: testNow}, Options{})
	h := s.Handler()
	other := `{"profile":{"id":"c-2","email":"b@example.com"}}`
	do(h, "POST", "/v1/events/boxed", boxedBody, SignatureHeader, Sign(testNow, []byte(boxedBody), "global"), IdempotencyHeader, "k")
	rec := do(h, "POST", "/v1/events/boxed", other, SignatureHeader, Sign(testNow, []byte(other), "global"), IdempotencyHeader, "k")
	if e := apiError(t, rec); rec.Code != 422 || e.Code != "idempotency_key_reused" || outboxFiles(t, out, "boxed") != 1 {
		t.Fatalf("a key reused for another body: %d %+v, %d files; want 422 idempotency_key_reused and 1 file", rec.Code, e, outboxFiles(t, out, "boxed"))
	}
}

// TestUnsignedEventsNeedAKey: an event without a secret is deduplicated by
// its Idempotency-Key alone, for the tolerance window after its answer.
func TestUnsignedEventsNeedAKey(t *testing.T) {
	clock := &testClock{now: testNow}
	out := t.TempDir()
	s, _ := newServer(t, "", Options{Outbox: out, Clock: clock.Now})
	h := s.Handler()
	send := func(header ...string) int { return do(h, "POST", "/v1/events/boxed", boxedBody, header...).Code }
	send()
	send()
	if n := outboxFiles(t, out, "boxed"); n != 2 {
		t.Fatalf("unsigned, no key, twice: %d files, want 2", n)
	}
	send(IdempotencyHeader, "k")
	clock.Add(5 * time.Minute)
	send(IdempotencyHeader, "k")
	if n := outboxFiles(t, out, "boxed"); n != 3 {
		t.Fatalf("one key twice, 5 minutes apart: %d files, want 3", n)
	}
	clock.Add(time.Second)
	if code := send(IdempotencyHeader, "k"); code != 200 || outboxFiles(t, out, "boxed") != 4 {
		t.Fatalf("the key after the window: %d, %d files; want it run again (200, 4 files)", code, outboxFiles(t, out, "boxed"))
	}
}

// TestReplayWindowFollowsTheSignature: a replay is refused for as long as
// its signature is valid, even when it was signed ahead of the server's
// clock, and is stale after.
func TestReplayWindowFollowsTheSignature(t *testing.T) {
	for _, ahead := range []time.Duration{0, 4 * time.Minute} {
		clock := &testClock{now: testNow}
		s, out := boxedServer(t, clock, Options{})
		h := s.Handler()
		sig := Sign(testNow.Add(ahead), []byte(boxedBody), "global")
		do(h, "POST", "/v1/events/boxed", boxedBody, SignatureHeader, sig)
		clock.Add(ahead + 5*time.Minute) // the signature's last valid second
		rec := do(h, "POST", "/v1/events/boxed", boxedBody, SignatureHeader, sig)
		if rec.Code != 200 || rec.Header().Get(ReplayedHeader) != "true" || outboxFiles(t, out, "boxed") != 1 {
			t.Fatalf("signed %s ahead, replayed at the end of its window: %d %s, %d files; want the first answer again",
				ahead, rec.Code, rec.Body, outboxFiles(t, out, "boxed"))
		}
		clock.Add(time.Second)
		if rec := do(h, "POST", "/v1/events/boxed", boxedBody, SignatureHeader, sig); rec.Code != 401 || apiError(t, rec).Code != "stale_signature" {
			t.Fatalf("signed %s ahead, replayed after its window: %d %s, want 401 stale_signature", ahead, rec.Code, rec.Body)
		}
	}
}

func TestReplayCacheFull(t *testing.T) {
	clock := &testClock{now: testNow}
	s, out := boxedServer(t, clock, Options{IdempotencyCache: 2})
	h := s.Handler()
	send := func(at time.Time) *httptest.ResponseRecorder {
		return do(h, "POST", "/v1/events/boxed", boxedBody, SignatureHeader, Sign(at, []byte(boxedBody), "global"))
	}
	send(testNow)
	send(testNow.Add(time.Second))
	rec := send(testNow.Add(2 * time.Second))
	if e := apiError(t, rec); rec.Code != 503 || e.Code != "replay_cache_full" {
		t.Fatalf("a third event past a cache of 2: %d %+v, want 503 replay_cache_full", rec.Code, e)
	}
	if rec := send(testNow); rec.Code != 200 || rec.Header().Get(ReplayedHeader) != "true" {
		t.Fatalf("a replay while the cache is full: %d %s, want the first answer again", rec.Code, rec.Body)
	}
	clock.Add(5*time.Minute + 2*time.Second) // past the window of the first two
	if rec := send(clock.Now()); rec.Code != 200 || outboxFiles(t, out, "boxed") != 3 {
		t.Fatalf("after the window: %d %s, %d files; want 200 and 3 files", rec.Code, rec.Body, outboxFiles(t, out, "boxed"))
	}
}

// TestConcurrentDuplicatesRunOnce releases N identical requests together:
// one runs, the others get 409 or, once it has answered, its answer.
func TestConcurrentDuplicatesRunOnce(t *testing.T) {
	s, out := boxedServer(t, &testClock{now: testNow}, Options{})
	h := s.Handler()
	sig := Sign(testNow, []byte(boxedBody), "global")
	const n = 8
	start := make(chan struct{})
	answers := make([]*httptest.ResponseRecorder, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			answers[i] = do(h, "POST", "/v1/events/boxed", boxedBody, SignatureHeader, sig)
		})
	}
	close(start)
	wg.Wait()
	if files := outboxFiles(t, out, "boxed"); files != 1 {
		t.Fatalf("%d concurrent duplicates wrote %d outbox files, want 1", n, files)
	}
	var first *httptest.ResponseRecorder
	for _, rec := range answers {
		if rec.Code == 200 && rec.Header().Get(ReplayedHeader) == "" {
			if first != nil {
				t.Fatalf("two requests ran:\n%s\n%s", first.Body, rec.Body)
			}
			first = rec
		}
	}
	if first == nil {
		t.Fatal("no request ran")
	}
	for i, rec := range answers {
		switch {
		case rec.Code == 409 && apiError(t, rec).Code == "in_progress":
		case rec.Code == 200 && rec.Body.String() == first.Body.String():
		default:
			t.Errorf("answer %d: %d %s, want 409 in_progress or the first answer", i, rec.Code, rec.Body)
		}
	}
}

func TestFailuresAreKeptToo(t *testing.T) {
	s, _ := boxedServer(t, &testClock{now: testNow}, Options{})
	body := `{"profile":{"id":"c-1"},"extra":1}`
	sig := Sign(testNow, []byte(body), "global")
	first := do(s.Handler(), "POST", "/v1/events/boxed", body, SignatureHeader, sig)
	again := do(s.Handler(), "POST", "/v1/events/boxed", body, SignatureHeader, sig)
	if first.Code != 400 || again.Header().Get(ReplayedHeader) != "true" {
		t.Fatalf("a bad event sent twice: %d, then replayed %q; want 400, then its replay", first.Code, again.Header().Get(ReplayedHeader))
	}
	again.Header().Del(ReplayedHeader)
	sameAnswer(t, "the replay of a 400", first, again)
}

func TestReplayedEventSendsOnce(t *testing.T) {
	box := &smtptest.Backend{}
	port := smtptest.Start(t, box, smtptest.Options{})
	s, _ := boxedServer(t, &testClock{now: testNow}, Options{SMTP: &smtp.Config{Host: "127.0.0.1", Port: port}})
	sig := Sign(testNow, []byte(boxedBody), "global")
	for range 2 {
		if rec := do(s.Handler(), "POST", "/v1/events/mailed", boxedBody, SignatureHeader, sig); rec.Code != 200 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
	if got := box.Messages(); len(got) != 1 {
		t.Fatalf("an event and its replay sent %d messages, want 1", len(got))
	}
}

// TestDuplicateWhileRunning holds the first request in its SMTP delivery:
// a duplicate meanwhile gets 409, and once the first has failed, a
// duplicate gets its failure (nothing is sent twice).
func TestDuplicateWhileRunning(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	conns := make(chan net.Conn, 1)
	go func() {
		if c, err := ln.Accept(); err == nil {
			conns <- c // holds the client before the SMTP greeting
		}
	}()
	s, _ := boxedServer(t, &testClock{now: testNow}, Options{SMTP: smtpAt(ln)})
	h := s.Handler()
	sig := Sign(testNow, []byte(boxedBody), "global")
	firstDone := make(chan *httptest.ResponseRecorder, 1)
	go func() { firstDone <- do(h, "POST", "/v1/events/mailed", boxedBody, SignatureHeader, sig) }()
	conn := <-conns
	rec := do(h, "POST", "/v1/events/mailed", boxedBody, SignatureHeader, sig)
	if e := apiError(t, rec); rec.Code != 409 || e.Code != "in_progress" {
		t.Fatalf("a duplicate while the first runs: %d %+v, want 409 in_progress", rec.Code, e)
	}
	conn.Close()
	first := <-firstDone
	if first.Code != 502 {
		t.Fatalf("the first, its SMTP server gone: %d %s, want 502", first.Code, first.Body)
	}
	again := do(h, "POST", "/v1/events/mailed", boxedBody, SignatureHeader, sig)
	again.Header().Del(ReplayedHeader)
	sameAnswer(t, "a duplicate after the first failed", first, again)
}

// TestPanicForgetsTheRequest: a request that panics leaves no answer, so
// the same request can run again rather than get 409 for ever.
func TestPanicForgetsTheRequest(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	keys := []replayKey{keyOf("boxed", "key", "k")}
	func() {
		defer func() { recover() }()
		s.once(httptest.NewRecorder(), keys, nil, time.Time{}, func(http.ResponseWriter) error { panic("boom") })
	}()
	rec := httptest.NewRecorder()
	ran := false
	s.once(rec, keys, nil, time.Time{}, func(w http.ResponseWriter) error { ran = true; return nil })
	if !ran || rec.Code != 200 {
		t.Fatalf("after a panic the same key ran %v, answered %d %s; want it run", ran, rec.Code, rec.Body)
	}
}

func TestAbandonedEntryCanRunAgain(t *testing.T) {
	c := newReplays(10, time.Minute)
	keys := []replayKey{keyOf("boxed", "key", "k")}
	e, _, err := c.claim(keys, []byte("{}"), time.Time{}, testNow)
	if err != nil || e == nil {
		t.Fatalf("first claim: %v %v", e, err)
	}
	if _, _, err := c.claim(keys, []byte("{}"), time.Time{}, testNow); err == nil {
		t.Fatal("a second claim while the first is pending succeeded")
	}
	c.abandon(e) // its request panicked
	if e, _, err := c.claim(keys, []byte("{}"), time.Time{}, testNow); err != nil || e == nil || c.entries != 1 {
		t.Fatalf("a claim after abandon: %v %v, %d entries; want a new pending entry, 1 entry", e, err, c.entries)
	}
}

// smtpAt is an SMTP configuration for a server listening on ln.
func smtpAt(ln net.Listener) *smtp.Config {
	return &smtp.Config{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port}
}
