package batch

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
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
	// HTMLJSON is Msg.HTML as a JSON string, which Msg.HTML then is not,
	// when the sink is an HTMLJSONEncoder that wants it and the renderer
	// made it (see render.Request.HTMLJSON). It is set only while the
	// worker encodes the result: the worker's next job reuses it.
	HTMLJSON []byte
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

// HTMLJSONEncoder is an Encoder that can take the HTML part as a JSON
// string, made by the engine while it renders, in Result.HTMLJSON
// (message.JSON.HTMLJSON takes it): escaping the finished part instead
// costs a quarter more per recipient. The JSONL sinks are ones.
type HTMLJSONEncoder interface {
	Encoder
	// WantsHTMLJSON reports whether Encode takes Result.HTMLJSON.
	WantsHTMLJSON() bool
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
	// ExpectedRecords estimates the records of the input this run covers (0:
	// unknown), to size the duplicate check once rather than grow it.
	ExpectedRecords int64
	// Progress, when set, is called after each result with the running summary.
	Progress func(*Summary)
	// StrictRules fails a recipient for whom a rule cannot evaluate (see
	// render.Request.StrictRules).
	StrictRules bool
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
	sum := newSummary(len(opts.Emails))
	jobs := make(chan Result, workers*4)
	results := make(chan Result, workers*4)
	window := make(chan struct{}, workers*16) // bounds the reorder buffer
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	enc, _ := sink.(Encoder)
	h, wantsJSON := sink.(HTMLJSONEncoder)
	wantsJSON = wantsJSON && h.WantsHTMLJSON()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte // this worker's HTML JSON, reused by each job
			var htmlJSON *[]byte
			if wantsJSON {
				htmlJSON = &buf
			}
			for j := range jobs {
				if j.Err == nil && j.Msg == nil {
					j = work(ctx, r, enc, j, opts, htmlJSON)
				}
				results <- j
			}
		}()
	}
	var fed counts
	go func() {
		fed = feed(ctx, in, opts, sink, jobs, window)
		close(jobs)
		wg.Wait()
		close(results)
	}()
	err := collect(ctx, results, sink, sum, window, opts.Progress)
	if err != nil {
		cancel()
	}
	for range results { // let the workers finish; then fed is set
	}
	sum.Read, sum.OtherShards = fed.read, fed.otherShards
	sum.finish()
	if cerr := sink.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	return sum, err
}

// cutOff reports whether r failed only because the batch's context ended.
func cutOff(ctx context.Context, r Result) bool {
	return r.Err != nil && ctx.Err() != nil && errors.Is(r.Err, context.Canceled)
}

// work renders one job and, when the sink is an Encoder, encodes it.
// With htmlJSON set (the sink wants it), the renderer makes the HTML
// part's JSON form in the worker's buffer *htmlJSON (see
// render.Request.HTMLJSON), for Encode in Result.HTMLJSON; the worker's
// next job reuses the buffer.
func work(ctx context.Context, r Renderer, enc Encoder, j Result, opts Options, htmlJSON *[]byte) Result {
	req := render.Request{Email: j.Email, Profile: j.Record.Profile, Now: opts.Now, StrictRules: opts.StrictRules}
	if htmlJSON != nil {
		*htmlJSON = (*htmlJSON)[:0]
		req.HTMLJSON = htmlJSON
	}
	j.Msg, j.Err = r.Render(ctx, req)
	if htmlJSON != nil {
		j.HTMLJSON = *htmlJSON
	}
	if j.Err == nil && enc != nil {
		if j.Encoded, j.Err = enc.Encode(j); j.Err != nil {
			j.Msg = nil
		}
	}
	j.HTMLJSON = nil // the next job's
	return j
}

// skipped marks a job that the sink already has.
var skipped = &render.Message{}

// counts are the records feed read.
type counts struct{ read, otherShards int }

// feed turns records into jobs, one per email: a job that fails before
// rendering (an unreadable record, a duplicate ID) carries its error, and
// one the sink has already is marked skipped. It returns what it read.
func feed(ctx context.Context, in iter.Seq[recipients.Record], opts Options, sink Sink, jobs chan<- Result, window chan struct{}) (n counts) {
	seq := 0
	ids := newIDSet(opts.ExpectedRecords)
	defer ids.close()
	for rec := range in {
		n.read++
		id := ""
		if rec.Err == nil && opts.IDOf != nil {
			id = opts.IDOf(rec)
		}
		if !opts.Shard.Has(id, rec) {
			n.otherShards++
			continue
		}
		err := rec.Err
		if err == nil {
			err = ids.check(id, rec)
		}
		for _, email := range opts.Emails {
			j := Result{Seq: seq, Record: rec, Email: email, ID: id, Err: err}
			if sink.Done(j) {
				j.Msg, j.Err = skipped, nil
			}
			seq++
			if !send(ctx, j, jobs, window) {
				return n
			}
		}
	}
	return n
}

// send hands a job to the workers once the reorder window has room for
// it; it is false when ctx ended first.
func send(ctx context.Context, j Result, jobs chan<- Result, window chan struct{}) bool {
	select {
	case window <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	select {
	case jobs <- j:
		return true
	case <-ctx.Done():
		return false
	}
}

// collect writes results in Seq order. A job takes a place in window
// before it is fed and gives it back once written, so a result is never
// more than cap(window) places ahead of the next to write: a ring of that
// size holds the ones waiting for their turn.
func collect(ctx context.Context, results <-chan Result, sink Sink, sum *Summary, window chan struct{}, progress func(*Summary)) error {
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
			if cutOff(ctx, r) {
				// The batch was stopped (SIGTERM) while this recipient
				// rendered: it is not done, and neither is any after it,
				// so nothing more is written and --resume starts here.
				return nil
			}
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
