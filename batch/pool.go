package batch

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sync"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
)

// chunkSize is how many jobs a worker is handed at once. Handing them
// one by one cost two channel operations and a wake-up or two per
// recipient, about a tenth of the CPU time of a render; in chunks it is a
// sixteenth of that. A stalled input (a pipe) holds back at most
// chunkSize-1 jobs until it goes on or ends.
const chunkSize = 16

// chunksPerWorker is how many chunks each worker has in flight: one it
// renders, one waiting for it, and those rendered ahead of the next to
// write. It bounds the reorder buffer, and so memory.
const chunksPerWorker = 3

// chunk is a run of consecutive jobs, handed to one worker and back.
type chunk struct {
	n    int // its place among the batch's chunks, from 0
	jobs []Result
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
	todo := make(chan *chunk, workers)
	done := make(chan *chunk, workers)
	// free holds the chunks not in flight: feed takes one before it
	// fills it and collect gives it back once written, so at most
	// cap(free) chunks are ever ahead of the next to write.
	free := make(chan *chunk, workers*chunksPerWorker)
	for range cap(free) {
		free <- &chunk{jobs: make([]Result, 0, chunkSize)}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(r, sink, opts)
			for c := range todo {
				for i := range c.jobs {
					if j := &c.jobs[i]; j.Err == nil && j.Msg == nil {
						w.work(ctx, j)
					}
				}
				done <- c
			}
		}()
	}
	var fed counts
	go func() {
		fed = feed(ctx, in, opts, sink, todo, free)
		close(todo)
		wg.Wait()
		close(done)
	}()
	err := collect(ctx, done, sink, sum, free, opts.Progress)
	if err != nil {
		cancel()
	}
	for range done { // let the workers finish; then fed is set
	}
	sum.Read, sum.OtherShards = fed.read, fed.otherShards
	if err == nil {
		err = fed.err
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

// cutOff reports whether r failed only because the batch's context ended.
func cutOff(ctx context.Context, r Result) bool {
	return r.Err != nil && ctx.Err() != nil && errors.Is(r.Err, context.Canceled)
}

// worker is one render goroutine's state: what it does with a rendered
// job, and the buffers it reuses from job to job.
type worker struct {
	r     Renderer
	enc   Encoder // nil when the sink encodes nothing
	store Storer  // nil when the sink stores nothing itself
	opts  Options
	// htmlJSON, when the sink wants it, is the buffer the renderer writes
	// the HTML part's JSON form into (see render.Request.HTMLJSON).
	htmlJSON *[]byte
	// ampJSON is htmlJSON for the AMP part (render.Request.AMPJSON), when
	// the renderer is an AMPJSONRenderer.
	ampJSON *[]byte
	// encoded is the buffer a stored job is encoded into (the .eml),
	// free again once stored.
	encoded []byte
}

func newWorker(r Renderer, sink Sink, opts Options) *worker {
	w := &worker{r: r, opts: opts}
	w.enc, _ = sink.(Encoder)
	if s, ok := sink.(Storer); ok && s.Stores() {
		w.store = s
	}
	if h, ok := sink.(HTMLJSONEncoder); ok && h.WantsHTMLJSON() {
		w.htmlJSON = new([]byte)
		if a, ok := r.(AMPJSONRenderer); ok && a.AppendsAMPJSON() {
			w.ampJSON = new([]byte)
		}
	}
	return w
}

// work renders one job and, when the sink is an Encoder, encodes it; when
// the sink is a Storer, it stores it too. With htmlJSON set (the sink
// wants it), the renderer makes the HTML and AMP parts' JSON forms in the
// worker's buffers, for Encode in Result.HTMLJSON and AMPJSON; the
// worker's next job reuses the buffers.
func (w *worker) work(ctx context.Context, j *Result) {
	if w.suppressed(ctx, j) {
		return
	}
	req := render.Request{Email: j.Email, Profile: j.Record.Profile, Now: w.opts.Now, StrictRules: w.opts.StrictRules, DataErrors: j.Record.DataErrors}
	if w.htmlJSON != nil {
		*w.htmlJSON = (*w.htmlJSON)[:0]
		req.HTMLJSON = w.htmlJSON
	}
	if w.ampJSON != nil {
		*w.ampJSON = (*w.ampJSON)[:0]
		req.AMPJSON = w.ampJSON
	}
	j.Msg, j.Err = w.r.Render(ctx, req)
	if j.Err == nil { // once, for the line or .eml and the send log
		j.Msg.MessageID = message.ID(j.Msg)
	}
	if w.htmlJSON != nil {
		j.HTMLJSON = *w.htmlJSON
	}
	if w.ampJSON != nil {
		j.AMPJSON = *w.ampJSON
	}
	if j.Err == nil && w.enc != nil {
		if w.store != nil {
			j.Encoded = w.encoded[:0]
		}
		if j.Encoded, j.Err = w.enc.Encode(*j); j.Err != nil {
			j.Msg = nil
		}
	}
	if j.Err == nil && w.store != nil {
		j.stored, j.storeErr = true, w.store.Store(*j)
		w.encoded, j.Encoded = j.Encoded, nil
	}
	j.HTMLJSON, j.AMPJSON = nil, nil // the next job's
}

// skipped marks a job that the sink already has.
var skipped = &render.Message{}

// counts are the records feed read.
type counts struct {
	read, otherShards int
	err               error // why feeding stopped early, when it did
}

// feed turns records into jobs, one per email, in chunks: a job that
// fails before rendering (an unreadable record, a duplicate ID) carries
// its error, and one the sink has already is marked skipped. It returns
// what it read.
func feed(ctx context.Context, in iter.Seq[recipients.Record], opts Options, sink Sink, todo chan<- *chunk, free chan *chunk) (n counts) {
	seq, chunks := 0, 0
	ids := newIDSet(opts.ExpectedRecords)
	defer ids.close()
	var c *chunk
records:
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
			if c == nil {
				if c = take(ctx, free); c == nil {
					return n
				}
				c.n, c.jobs = chunks, c.jobs[:0]
				chunks++
			}
			j := Result{Seq: seq, Record: rec, Email: email, ID: id, Err: err}
			if sink.Done(j) {
				if n.err = placeOf(sink, j); n.err != nil {
					break records
				}
				j.Msg, j.Err = skipped, nil
			}
			seq++
			if c.jobs = append(c.jobs, j); len(c.jobs) == chunkSize {
				if !give(ctx, c, todo) {
					return n
				}
				c = nil
			}
		}
	}
	if c != nil {
		give(ctx, c, todo)
	}
	return n
}

// take returns a free chunk, or nil when ctx ended first.
func take(ctx context.Context, free chan *chunk) *chunk {
	select {
	case c := <-free:
		return c
	case <-ctx.Done():
		return nil
	}
}

// give hands a chunk to the workers; it is false when ctx ended first.
func give(ctx context.Context, c *chunk, todo chan<- *chunk) bool {
	select {
	case todo <- c:
		return true
	case <-ctx.Done():
		return false
	}
}

// collect writes the jobs of the chunks in order. At most cap(free)
// chunks are in flight, so a ring of that size holds those waiting for
// their turn; each goes back to free once written.
func collect(ctx context.Context, done <-chan *chunk, sink Sink, sum *Summary, free chan *chunk, progress func(*Summary)) error {
	ring := make([]*chunk, cap(free))
	next := 0
	for c := range done {
		ring[c.n%len(ring)] = c
		for c := ring[next%len(ring)]; c != nil && c.n == next; c = ring[next%len(ring)] {
			ring[next%len(ring)] = nil
			next++
			stop, err := write(ctx, c.jobs, sink, sum, progress)
			clear(c.jobs) // the messages can go
			free <- c
			if stop || err != nil {
				return err
			}
		}
	}
	return nil
}

// suppressed asks Options.Suppressed about the job, and reports whether
// it is done with: suppressed, or failed asking.
func (w *worker) suppressed(ctx context.Context, j *Result) bool {
	if w.opts.Suppressed == nil {
		return false
	}
	sup, err := w.opts.Suppressed(ctx, j.Record, j.Email)
	if err != nil {
		j.Err = fmt.Errorf("suppression list: %w", err)
		return true
	}
	j.Suppressed = sup
	return sup
}

// placeChecker is a sink that keeps an earlier run's outputs by their
// place in the input (JSONL): checkPlace fails a job it has done whose
// place holds another recipient's output.
type placeChecker interface{ checkPlace(Result) error }

// placeOf checks a done job's place, when the sink keeps outputs by place.
func placeOf(sink Sink, j Result) error {
	if pc, ok := sink.(placeChecker); ok {
		return pc.checkPlace(j)
	}
	return nil
}

// skipKeeper is a sink that notes the results it had already, in order
// with those it is written.
type skipKeeper interface{ skip(Result) error }

// write writes the results of one chunk, in order. It stops, true, at
// the first result cut off by the end of ctx (SIGTERM): that recipient is
// not done, nor any after it, so nothing more is written and --resume
// starts there.
func write(ctx context.Context, results []Result, sink Sink, sum *Summary, progress func(*Summary)) (stop bool, err error) {
	for _, r := range results {
		if cutOff(ctx, r) {
			return true, nil
		}
		if r.Msg == skipped {
			sum.Skipped++
			if k, ok := sink.(skipKeeper); ok {
				if err := k.skip(r); err != nil {
					return true, fmt.Errorf("writing output: %w", err)
				}
			}
		} else {
			if r.storeErr != nil {
				return true, fmt.Errorf("writing output: %w", r.storeErr)
			}
			if err := sink.Write(r); err != nil {
				return true, fmt.Errorf("writing output: %w", err)
			}
			sum.add(r)
		}
		if progress != nil {
			progress(sum)
		}
	}
	return false, nil
}
