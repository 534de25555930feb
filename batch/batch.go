package batch

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
)

// Result is one recipient's email, or why it failed.
type Result struct {
	Seq    int // position in the input, from 0
	Record recipients.Record
	ID     string // the recipient's ID ("" when the record could not be read)
	Email  string
	Msg    *render.Message // nil when Err is set
	Err    error
	// Encoded is the output the sink's Encode made of Msg in a worker, when
	// the sink is an Encoder.
	Encoded []byte
	// htmlJSON is Msg.HTML as a JSON string, when the renderer made it;
	// set only while the worker encodes the result.
	htmlJSON []byte
}

// Sink receives results in input order.
type Sink interface {
	// Done reports whether the output of a job (Msg and Err still unset)
	// is already complete, so a resumed batch can skip it. Jobs are asked
	// in input order.
	Done(job Result) bool
	// Write stores one result. An error stops the batch.
	Write(Result) error
	// Close finishes the output; after an error it keeps what is complete.
	Close() error
}

// Encoder is a Sink that encodes a rendered result (JSON, MIME) in the
// workers, in parallel, so Write, which runs in order on one goroutine,
// only stores bytes. An encoding error fails that recipient only.
type Encoder interface {
	Encode(Result) ([]byte, error)
}

// Renderer renders one recipient; *render.Campaign is one. When the
// request's HTMLJSON is set, Render appends to it the JSON form of the
// returned message's HTML, or nothing (see render.Request): a Renderer
// that changes the HTML after rendering must clear it first.
type Renderer interface {
	Render(context.Context, render.Request) (*render.Message, error)
}

// Options configure Run.
type Options struct {
	Emails  []string  // the emails to render for each recipient
	Workers int       // default GOMAXPROCS
	Now     time.Time // the clock; zero means the campaign's
	Shard   Shard     // the part of the list this run covers; zero means all
	IDOf    func(recipients.Record) string
	// Progress, when set, is called after each result with the running summary.
	Progress func(*Summary)
}

// Run renders every recipient of in for every email and writes the results
// to sink in input order. It returns the summary, and an error only when
// the batch itself could not go on (the sink failed or ctx ended); failed
// recipients are in the summary.
func Run(ctx context.Context, r Renderer, in iter.Seq[recipients.Record], opts Options, sink Sink) (*Summary, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sum := newSummary()
	jobs := make(chan Result, workers*4)
	results := make(chan Result, workers*4)
	window := make(chan struct{}, workers*16) // bounds the reorder buffer
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	enc, _ := sink.(Encoder)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var htmlJSON []byte // this worker's, reused by each job
			for j := range jobs {
				if j.Err == nil && j.Msg == nil {
					j = work(ctx, r, enc, j, opts.Now, &htmlJSON)
				}
				results <- j
			}
		}()
	}
	go func() {
		feed(ctx, in, opts, sink, sum, jobs, window)
		close(jobs)
		wg.Wait()
		close(results)
	}()
	err := collect(results, sink, sum, window, opts.Progress)
	if err != nil {
		cancel()
		for range results { // let the workers finish
		}
	}
	sum.finish()
	if cerr := sink.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	return sum, err
}

// work renders one job and encodes it for the sink. A sink that writes
// JSON gets the HTML part's JSON form from the renderer (see
// render.Request.HTMLJSON) in the worker's buffer htmlJSON, which the next
// job reuses once this one is encoded.
func work(ctx context.Context, r Renderer, enc Encoder, j Result, now time.Time, htmlJSON *[]byte) Result {
	req := render.Request{Email: j.Email, Profile: j.Record.Profile, Now: now}
	if js, ok := enc.(interface{ writesJSON() bool }); ok && js.writesJSON() {
		*htmlJSON = (*htmlJSON)[:0]
		req.HTMLJSON = htmlJSON
	}
	j.Msg, j.Err = r.Render(ctx, req)
	if req.HTMLJSON != nil {
		j.htmlJSON = *req.HTMLJSON
	}
	if j.Err == nil && enc != nil {
		if j.Encoded, j.Err = enc.Encode(j); j.Err != nil {
			j.Msg = nil
		}
	}
	j.htmlJSON = nil // the next job's
	return j
}

// skipped marks a job that the sink already has.
var skipped = &render.Message{}

// feed turns records into jobs, one per email, marking the ones to skip.
func feed(ctx context.Context, in iter.Seq[recipients.Record], opts Options, sink Sink, sum *Summary, jobs chan<- Result, window chan struct{}) {
	seq := 0
	for rec := range in {
		id := ""
		if rec.Err == nil && opts.IDOf != nil {
			id = opts.IDOf(rec)
		}
		if !opts.Shard.Has(id, rec) {
			continue
		}
		for _, email := range opts.Emails {
			j := Result{Seq: seq, Record: rec, Email: email, ID: id}
			if sink.Done(j) {
				j.Msg = skipped
			} else {
				j.Err = rec.Err
			}
			seq++
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}
}

// collect writes results in Seq order. A job takes a place in window
// before it is fed and gives it back once written, so a result is never
// more than cap(window) places ahead of the next to write: a ring of that
// size holds the ones waiting for their turn.
func collect(results <-chan Result, sink Sink, sum *Summary, window chan struct{}, progress func(*Summary)) error {
	ring := make([]Result, cap(window))
	waiting := make([]bool, cap(window))
	next := 0
	for r := range results {
		ring[r.Seq%len(ring)], waiting[r.Seq%len(ring)] = r, true
		for k := next % len(ring); waiting[k]; k = next % len(ring) {
			r := ring[k]
			ring[k], waiting[k] = Result{}, false
			next++
			<-window
			if r.Msg == skipped {
				sum.Skipped++
			} else {
				if err := sink.Write(r); err != nil {
					return fmt.Errorf("writing output: %w", err)
				}
				sum.add(r)
			}
			if progress != nil {
				progress(sum)
			}
		}
	}
	return nil
}

// Summary counts what a batch did.
type Summary struct {
	Rendered, Failed, Skipped int
	Segments, Modules         map[string]int // segment name / "slot=module" -> recipients
	Variants                  map[string]int // "experiment=variant" -> recipients
	Start                     time.Time
	Elapsed                   time.Duration
	keys                      map[[2]string]string // {a, b} -> "a=b", made once
}

func newSummary() *Summary {
	return &Summary{Segments: map[string]int{}, Modules: map[string]int{}, Variants: map[string]int{}, Start: time.Now(),
		keys: map[[2]string]string{}}
}

// key returns "a=b" without building the string again for every recipient.
func (s *Summary) key(a, b string) string {
	k, ok := s.keys[[2]string{a, b}]
	if !ok {
		k = a + "=" + b
		s.keys[[2]string{a, b}] = k
	}
	return k
}

func (s *Summary) add(r Result) {
	if r.Err != nil {
		s.Failed++
		return
	}
	s.Rendered++
	for _, seg := range r.Msg.Segments {
		s.Segments[seg]++
	}
	for slot, m := range r.Msg.Modules {
		s.Modules[s.key(slot, m)]++
	}
	for x, v := range r.Msg.Variants {
		s.Variants[s.key(x, v)]++
	}
}

func (s *Summary) finish() { s.Elapsed = time.Since(s.Start) }

// Rate is rendered messages per second so far.
func (s *Summary) Rate() float64 {
	el := s.Elapsed
	if el == 0 {
		el = time.Since(s.Start)
	}
	if el <= 0 {
		return 0
	}
	return float64(s.Rendered) / el.Seconds()
}

// Keys returns a count map's keys, sorted.
func Keys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
