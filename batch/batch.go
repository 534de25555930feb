package batch

import (
	"context"
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
	Msg    *render.Message // nil when Err is set or Suppressed
	Err    error
	// Suppressed says Options.Suppressed left the recipient out: nothing
	// was rendered, and the sink keeps their place (a JSONL line saying
	// so), so that a resumed batch finds every recipient where it was.
	Suppressed bool
	// Encoded is the output the sink's Encode made of Msg in a worker, when
	// the sink is an Encoder.
	Encoded []byte
	// HTMLJSON is Msg.HTML as a JSON string, which Msg.HTML then is not,
	// when the sink is an HTMLJSONEncoder that wants it and the renderer
	// made it (see render.Request.HTMLJSON). It is set only while the
	// worker encodes the result: the worker's next job reuses it.
	HTMLJSON []byte
	// AMPJSON is HTMLJSON for the AMP part (render.Request.AMPJSON).
	AMPJSON []byte
	// stored is set when a Storer stored the result in its worker, and
	// storeErr is why it could not.
	stored   bool
	storeErr error
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

// HTMLJSONEncoder is an Encoder that can take the HTML and AMP parts as
// JSON strings, made by the engine while it renders, in Result.HTMLJSON
// and Result.AMPJSON (message.JSON's HTMLJSON and AMPJSON take them):
// escaping the finished HTML part instead costs a quarter more per
// recipient. The JSONL sinks are ones.
type HTMLJSONEncoder interface {
	Encoder
	// WantsHTMLJSON reports whether Encode takes Result.HTMLJSON and
	// Result.AMPJSON.
	WantsHTMLJSON() bool
}

// Storer is a Sink whose outputs are files of their own (eml, files):
// each worker stores the results it renders, in parallel, right after
// encoding them, and Write, in input order, then only records that the
// result is done. A storing error stops the batch when the result's turn
// comes, as an error of Write does.
type Storer interface {
	Sink
	// Stores reports whether the sink stores results in the workers.
	Stores() bool
	// Store writes a rendered, encoded result's files.
	Store(Result) error
}

// Renderer renders one recipient; *render.Campaign is one. When the
// request's HTMLJSON is set, Render appends to it the JSON form of the
// returned message's HTML, or nothing (see render.Request): a Renderer
// that changes the HTML after rendering must clear it first. AMPJSON is
// set only for an AMPJSONRenderer.
type Renderer interface {
	Render(context.Context, render.Request) (*render.Message, error)
}

// AMPJSONRenderer is a Renderer that keeps render.Request.AMPJSON's
// contract: Render appends the JSON form of the returned message's AMP
// part to it, or nothing. *render.Campaign is one. The workers ask only
// such a Renderer for the AMP part in JSON form, so that one that changes
// the AMP part after rendering (tracking its links, say) gets it as a
// string.
type AMPJSONRenderer interface {
	Renderer
	// AppendsAMPJSON reports whether Render honours Request.AMPJSON.
	AppendsAMPJSON() bool
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
	// StrictRules fails a recipient for whom a rule cannot evaluate, or
	// whose record has data errors (see render.Request.StrictRules).
	StrictRules bool
	// Suppressed, when set, is asked in the workers, before rendering,
	// whether a readable record's recipient is on the suppression list for
	// the email; those it says are get Result.Suppressed and no render. An
	// error fails that recipient. It is never asked about a record a
	// resumed batch finds complete.
	Suppressed func(ctx context.Context, rec recipients.Record, email string) (bool, error)
}
