package batch

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/message"
)

// line is the JSONL line of a result: its message's, with the HTML's
// and AMP's JSON forms when the renderer made them, or its failure's.
func line(r Result) message.JSON {
	if r.Suppressed {
		return message.SuppressedLine(r.ID, r.Email)
	}
	if r.Err != nil {
		return message.Failed(r.ID, r.Email, Failure(r).Error)
	}
	l := message.Line(r.Msg)
	l.HTMLJSON, l.AMPJSON = r.HTMLJSON, r.AMPJSON
	return l
}

// FailureRecord is one line of failures.jsonl.
type FailureRecord struct {
	Seq      int    `json:"seq"`
	ID       string `json:"id"`
	Template string `json:"template"`
	Source   string `json:"source"` // source:line of the recipient
	Error    string `json:"error"`
}

// Failure describes a failed result; the error names the recipient's
// source:line and ID, and the template position when there is one.
func Failure(r Result) FailureRecord {
	msg := r.Err.Error()
	var se *source.Error
	var de *DuplicateError
	if r.Record.Err == nil && !errors.As(r.Err, &se) && !errors.As(r.Err, &de) {
		msg = r.Email + ": " + msg
	}
	prefix := r.Record.Where()
	if r.ID != "" {
		prefix += " (recipient " + r.ID + ")"
	}
	return FailureRecord{Seq: r.Seq, ID: r.ID, Template: r.Email, Source: r.Record.Where(), Error: prefix + ": " + msg}
}

// marshalLine encodes v as one JSON line, leaving <, > and & readable.
func marshalLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}
