package source

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/schema"
)

// row is one record of an input, as package recipients reads it: a CSV
// row's cells with its header, or a JSON object.
type row struct {
	line int
	csv  []string
	cols []string       // CSV header, in order
	hdr  map[string]int // CSV column -> cell
	obj  map[string]any
	keys []string // scratch for sorted JSON keys
}

// key counts the row in rep and returns its merge key, from the column
// col; a row without one is a bad row, reported through issue.
func (r *row) key(col string, rep *InputReport, issue func(IssueKind, int, string, string, string)) (string, bool) {
	rep.Rows++
	if raw, ok := r.get(col); ok {
		if key := Normalize(keyString(raw)); key != "" {
			return key, true
		}
	}
	rep.BadRows++
	issue(BadRow, r.line, "", col, "no key")
	return "", false
}

// get returns a column's value; an empty CSV cell or a JSON null is missing.
func (r *row) get(col string) (any, bool) {
	if r.obj != nil {
		v, ok := r.obj[col]
		return v, ok && v != nil
	}
	i, ok := r.hdr[col]
	if !ok || r.csv[i] == "" {
		return nil, false
	}
	return r.csv[i], true
}

// each calls fn for every present column, in header (CSV) or key (JSON)
// order, so that issues come out in a stable order.
func (r *row) each(fn func(col string, v any)) {
	if r.obj != nil {
		r.keys = r.keys[:0]
		for k, v := range r.obj {
			if v != nil {
				r.keys = append(r.keys, k)
			}
		}
		slices.Sort(r.keys)
		for _, k := range r.keys {
			fn(k, r.obj[k])
		}
		return
	}
	for i, col := range r.cols {
		if r.csv[i] != "" {
			fn(col, r.csv[i])
		}
	}
}

// set makes r the row of rec.
func (r *row) set(rec recipients.Record) {
	r.line, r.obj, r.csv = rec.Line, rec.Profile, rec.Cells
	if rec.Cells != nil && r.hdr == nil { // a source has one header
		r.cols = rec.Columns
		r.hdr = make(map[string]int, len(r.cols))
		for i, col := range r.cols {
			r.hdr[col] = i
		}
	}
}

// badFunc receives a record that could not be read.
type badFunc func(line int, msg string)

// scan streams the rows of one input, read by package recipients with
// its bounds; a number in the key column keeps its text. With a schema,
// each row is typed as it is read (see inputSchema) and its data errors
// come with it. The *row passed to fn is reused: fn must not keep it. A
// record that does not read is passed to bad; an error is returned only
// when the input cannot be read.
func scan(r io.Reader, name, format, key string, typed *schema.Schema, fn func(*row, []*schema.Error), bad badFunc) error {
	switch recipients.Format(format) {
	case recipients.CSV, recipients.JSONL, recipients.JSON:
	default:
		return fmt.Errorf("unknown format %q", format)
	}
	rw := &row{}
	opts := recipients.Options{IDField: key, Cells: typed == nil, Schema: typed}
	for rec := range recipients.ReadWith(name, r, recipients.Format(format), opts) {
		if errors.Is(rec.Err, recipients.ErrRead) {
			return rec.Err
		}
		if rec.Err != nil {
			bad(rec.Line, rec.Err.Error())
			continue
		}
		rw.set(rec)
		fn(rw, rec.DataErrors)
	}
	return nil
}
