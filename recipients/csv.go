package recipients

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"

	"github.com/tailor-email/tailor/segment"
)

// csv yields one record per CSV row after the header. Each row is cut out
// first, following quotes as encoding/csv does (a quoted field may span
// lines), so a row over the limit is read past without being kept; a row
// within it is then parsed by encoding/csv.
func (s *scanner) csv(yield func(Record) bool) {
	var header []string
	for {
		start := s.line
		raw, newline, ok := s.readRow()
		if !ok {
			if s.err != nil {
				yield(s.ioError())
			}
			return
		}
		if r := string(raw); r == "\n" || r == "\r\n" || r == "\r" && newline == 0 {
			continue // encoding/csv skips empty lines
		}
		fields, err := []string(nil), s.tooLarge(newline)
		if err == nil {
			fields, err = parseRow(raw, start, len(header))
		}
		if header == nil {
			if err != nil {
				yield(Record{Source: s.source, Line: start, Err: fmt.Errorf("CSV header: %w", err)})
				return
			}
			header = fields
			continue
		}
		rec := Record{Source: s.source, Line: start, Err: err}
		var tl *TooLargeError
		if err == nil {
			rec.Profile = make(segment.Profile, len(header))
			for i, h := range header {
				rec.Profile[h] = fields[i]
			}
		} else if !errors.As(err, &tl) {
			rec.Err = fmt.Errorf("CSV: %w", err)
		}
		if !yield(rec) {
			return
		}
	}
}

// readRow reads one row, through its newline: raw is empty when the row
// is over the limit. newline is 1 when the row ends with one; ok is false
// at the end of the input.
func (s *scanner) readRow() (raw []byte, newline int, ok bool) {
	s.begin()
	st := csvState{fieldStart: true}
	for {
		c := s.chunk()
		if len(c) == 0 {
			return s.record(), 0, s.size > 0
		}
		i := st.scan(c)
		if i < 0 {
			s.take(c)
			continue
		}
		s.take(c[:i])
		return s.record(), 1, true
	}
}

// parseRow parses one row with encoding/csv, its error lines counted from
// start. fields is the number of fields the row must have (0: any).
func parseRow(raw []byte, start, fields int) ([]string, error) {
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.FieldsPerRecord = fields
	row, err := cr.Read()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		pe.StartLine += start - 1
		pe.Line += start - 1
	}
	return row, err
}

// csvState follows a CSV row byte by byte to find its end: the first
// newline outside a quoted field. As in encoding/csv, a quote opens a
// quoted field only at the start of a field, "" inside one is a quote, and
// a misplaced quote breaks the row, which then ends with its line.
type csvState struct {
	fieldStart, quoted bool
	closed             bool // just after a quoted field's closing quote
	broken             bool // a misplaced quote: the row ends with the line
}

// scan returns the index just past the row's newline in b, or -1.
func (st *csvState) scan(b []byte) int {
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case st.quoted && c != '"': // skip to the field's next quote
			j := bytes.IndexByte(b[i:], '"')
			if j < 0 {
				return -1
			}
			i += j - 1
			continue
		case st.quoted:
			st.quoted, st.closed = false, true
			continue
		case c == '\n':
			return i + 1
		case st.broken: // skip to the line's end
			j := bytes.IndexByte(b[i:], '\n')
			if j < 0 {
				return -1
			}
			i += j - 1
		case st.closed && c == '"':
			st.quoted = true
		case c == ',':
			st.fieldStart = true
		case c == '"' && st.fieldStart:
			st.quoted = true
		case c == '"' || st.closed:
			st.broken = true
		}
		st.closed, st.fieldStart = false, st.fieldStart && c == ','
	}
	return -1
}
