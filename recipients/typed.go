package recipients

import (
	"iter"
	"slices"
	"strings"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/schema"
)

// DefaultInfer is the number of records a schema is inferred from when a
// source has none (Options.Infer).
const DefaultInfer = 1000

// maxInferBytes bounds the records held while a schema is inferred: the
// sample ends at DefaultInfer records or this many bytes, which comes
// first.
const maxInferBytes = 16 << 20

// origin is where the record being yielded came from, for placing its
// data errors: its text while the reader still holds it.
type origin struct {
	raw       []byte // the record's text (a JSON object, a CSV row)
	line, col int    // where raw starts
	columns   []string
	csv       bool
}

// freeze copies the text, for a record held past the next read.
func (o origin) freeze() origin {
	o.raw = slices.Clone(o.raw)
	return o
}

// typer types the records of one source by a schema, given or inferred
// from the first records (held until it is known).
type typer struct {
	schema   *schema.Schema
	source   string
	inferrer *schema.Inferrer // nil once the schema is known
	sample   int              // records to infer from
	held     []heldRecord
	heldSize int
}

type heldRecord struct {
	rec Record
	at  origin
}

// typed wraps a format's records with typing when opts ask for it.
func (s *scanner) typed(format iter.Seq[Record], opts Options) iter.Seq[Record] {
	if opts.Cells || opts.Schema == nil && opts.Infer <= 0 {
		return format
	}
	t := &typer{schema: opts.Schema, source: s.source}
	if t.schema == nil {
		t.inferrer = &schema.Inferrer{IDField: opts.IDField, AllOptional: true}
		t.sample = opts.Infer
	}
	return func(yield func(Record) bool) {
		for rec := range format {
			if !t.take(rec, s.at, yield) {
				return
			}
		}
		t.infer()
		t.release(yield)
	}
}

// take types one record (the reader is still at it), or holds it while
// the sample grows.
func (t *typer) take(rec Record, at origin, yield func(Record) bool) bool {
	if t.inferrer == nil {
		if rec.Err == nil {
			t.apply(&rec, at)
		}
		return yield(rec)
	}
	if rec.Err == nil {
		t.inferrer.Add(rec.Profile, rec.Columns, at.csv, rec.Where())
		t.heldSize += len(at.raw)
	}
	t.held = append(t.held, heldRecord{rec, at.freeze()})
	if len(t.held) < t.sample && t.heldSize < maxInferBytes {
		return true
	}
	t.infer()
	return t.release(yield)
}

// infer decides the schema from the sample, once.
func (t *typer) infer() {
	if t.inferrer == nil {
		return
	}
	if got, err := t.inferrer.Infer(); err == nil {
		t.schema = got.Schema
	}
	t.inferrer = nil
}

// release types and yields the held records.
func (t *typer) release(yield func(Record) bool) bool {
	held := t.held
	t.held = nil
	for _, h := range held {
		if h.rec.Err == nil && t.schema != nil {
			t.apply(&h.rec, h.at)
		}
		if !yield(h.rec) {
			return false
		}
	}
	return true
}

// apply types rec's profile and places its data errors.
func (t *typer) apply(rec *Record, at origin) {
	rec.Schema = t.schema
	if rec.typed {
		return
	}
	var errs []*schema.Error
	if at.csv {
		errs = t.schema.ApplyFlat(rec.Profile)
	} else {
		errs = t.schema.Apply(rec.Profile)
	}
	for _, e := range errs {
		e.Source = t.source
		e.Line, e.Col = at.place(e)
	}
	slices.SortStableFunc(errs, func(a, b *schema.Error) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	rec.DataErrors = errs
}

// place finds the line and column of an error's value: in JSON, the
// value itself (or the object it is missing from); in CSV, the cell of
// its column (or the row, for a column the row does not have).
func (o origin) place(e *schema.Error) (line, col int) {
	off := 0
	if o.csv {
		if i := o.column(e); i >= 0 {
			off = cellStart(o.raw, i)
		}
	} else {
		off, _ = schema.Locate(o.raw, e.Path)
	}
	p := source.Pos{Line: o.line, Col: o.col}.Advance(string(o.raw[:min(off, len(o.raw))]))
	return p.Line, p.Col
}

// column finds the CSV column an error's value came from: its key, the
// longest start of its path that is a column, or the first column under
// its key; -1 when the row has none.
func (o origin) column(e *schema.Error) int {
	if i := slices.Index(o.columns, e.Key); i >= 0 {
		return i
	}
	for n := len(e.Path); n > 0; n-- {
		if i := slices.Index(o.columns, strings.Join(e.Path[:n], ".")); i >= 0 {
			return i
		}
	}
	return slices.IndexFunc(o.columns, func(c string) bool { return strings.HasPrefix(c, e.Key+".") })
}

// cellStart returns the byte offset of cell i in a CSV row that
// encoding/csv read without error: cells end at a comma outside quotes.
func cellStart(row []byte, i int) int {
	quoted := false
	for j, c := range row {
		if i == 0 {
			return j
		}
		switch {
		case c == '"':
			quoted = !quoted // "" inside a quoted cell toggles twice
		case c == ',' && !quoted:
			i--
		}
	}
	return len(row)
}
