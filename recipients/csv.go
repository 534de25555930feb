package recipients

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tailor-email/tailor/segment"
)

// csv yields one record per CSV row after the header, whose names are
// trimmed of spaces. Each row is cut out first, following quotes as
// encoding/csv does (a quoted field may span lines), so a row over the
// limit is read past without being kept; a row within it is then parsed
// by encoding/csv.
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
		if emptyLine(raw, newline) {
			continue // encoding/csv skips empty lines
		}
		fields, err := []string(nil), s.tooLarge(newline)
		if err == nil {
			fields, err = s.parseRow(raw, start, len(header))
		}
		if header == nil {
			if err != nil {
				yield(Record{Source: s.source, Line: start, Err: fmt.Errorf("CSV header: %w", err)})
				return
			}
			header = trimAll(slices.Clone(fields))
			continue
		}
		s.at = origin{raw: raw, line: start, col: 1, columns: header, csv: true}
		if !yield(s.csvRecord(start, header, fields, err)) {
			return
		}
	}
}

// csvRecord is the record of a row: its profile, or with Options.Cells
// its cells, or its error.
func (s *scanner) csvRecord(line int, header, fields []string, err error) Record {
	rec := Record{Source: s.source, Line: line, Err: err, Columns: header}
	_, tooLarge := err.(*TooLargeError) // as s.tooLarge returns it
	switch {
	case err != nil && !tooLarge:
		rec.Err = fmt.Errorf("CSV: %w", err)
	case err != nil:
	case s.cells:
		rec.Cells = fields
	default:
		rec.Profile = make(segment.Profile, len(header))
		for i, h := range header {
			rec.Profile[h] = fields[i]
		}
	}
	return rec
}

// trimAll trims the spaces around each of names, in place: " Email" in a
// header is the column Email.
func trimAll(names []string) []string {
	for i, n := range names {
		names[i] = strings.TrimSpace(n)
	}
	return names
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
// start. fields is the number of fields the row must have (0: any); the
// error of a row with another number says both. The fields are valid
// until the next row is parsed.
//
// One csv.Reader parses every row: it reads them through one
// bufio.Reader, reset to each row, which drops anything the last one
// left. (csv.NewReader takes a *bufio.Reader of its size as it is.)
func (s *scanner) parseRow(raw []byte, start, fields int) ([]string, error) {
	s.rowIn.Reset(raw)
	if s.cr == nil {
		s.rowBuf = bufio.NewReaderSize(&s.rowIn, 4096)
		s.cr = csv.NewReader(s.rowBuf)
		s.cr.ReuseRecord = true
	}
	s.rowBuf.Reset(&s.rowIn)
	s.cr.FieldsPerRecord = fields
	row, err := s.cr.Read()
	if err == nil {
		return row, nil
	}
	if pe := (*csv.ParseError)(nil); errors.As(err, &pe) { // lines counted by the reader from an earlier row
		pe.Line += start - pe.StartLine
		pe.StartLine = start
	}
	if errors.Is(err, csv.ErrFieldCount) {
		return nil, fmt.Errorf("%w (%d, the header has %d)", err, len(row), fields)
	}
	return row, err
}

// emptyLine reports whether a row read with its newline is an empty line.
func emptyLine(raw []byte, newline int) bool {
	return bytes.Equal(raw, []byte("\n")) || bytes.Equal(raw, []byte("\r\n")) || newline == 0 && bytes.Equal(raw, []byte("\r"))
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
