package recipients

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"runtime"
	"unicode/utf8"

	"github.com/tailor-email/tailor/schema"
)

// TooLargeError is the error of a record longer than Options.MaxRecord.
// The reader went past it keeping none of it, so memory stays bounded by
// the limit however long the record is.
type TooLargeError struct {
	Size  int64 // the record's bytes, up to the end of its line or value
	Limit int64
}

// Error says how large the record was and what the limit is.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("record of %d bytes is over the %d-byte limit (--max-record); skipped", e.Size, e.Limit)
}

// blockSize is the size of the blocks a record's bytes are kept in past
// its first block.
const blockSize = 1 << 20

// scanner cuts a stream into records of at most max bytes. Each format
// walks the buffered bytes with its own rule for where a record ends and
// hands them to take, which keeps them while the record is within the
// limit and only counts them past it.
//
// A record's first MiB is kept in buf, which every record reuses, and the
// rest in blocks of a MiB, joined once the record is whole: a long record
// is never copied while it grows, and one over the limit costs at most the
// limit in blocks, dropped at once.
type scanner struct {
	br     *bufio.Reader
	max    int64
	source string
	id     string // Options.IDField
	cells  bool   // Options.Cells
	// typedBy, the top-level fields of Options.Schema, has JSON profiles
	// decoded and typed in one pass (decodeTyped).
	typedBy *schema.Field
	line    int // line of the next unread byte
	col     int // its column (in runes), kept when cols is set
	cols    bool
	at      origin // the record being yielded, for placing its data errors
	buf     []byte // the current record's first bytes
	blocks  [][]byte
	size    int64         // the current record's bytes so far
	err     error         // a read error other than io.EOF
	rowIn   bytes.Reader  // the CSV row being parsed
	rowBuf  *bufio.Reader // reads rowIn for cr
	cr      *csv.Reader   // parses every CSV row
}

// chunk returns the buffered bytes, reading more when there are none; it
// is empty at the end of the input or on an error (then s.err is set).
func (s *scanner) chunk() []byte {
	if s.br.Buffered() == 0 {
		if _, err := s.br.Peek(1); err != nil {
			if err != io.EOF {
				s.err = err
			}
			return nil
		}
	}
	b, _ := s.br.Peek(s.br.Buffered())
	return b
}

// begin starts a record.
func (s *scanner) begin() {
	s.drop()
	s.buf, s.size = s.buf[:0], 0
}

// drop lets the blocks of a long record go, and has the garbage collector
// take them back now: otherwise it would set its next goal from a heap
// that held them, and let the heap grow to several times the record.
func (s *scanner) drop() {
	if s.blocks != nil {
		s.blocks = nil
		runtime.GC()
	}
}

// advance counts the lines (and with cols, the column) of b, read.
func (s *scanner) advance(b []byte) {
	s.line += bytes.Count(b, []byte{'\n'})
	if !s.cols {
		return
	}
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		s.col = 1 + utf8.RuneCount(b[i+1:])
	} else {
		s.col += utf8.RuneCount(b)
	}
}

// take consumes b, the next bytes of the current record.
func (s *scanner) take(b []byte) {
	s.advance(b)
	s.size += int64(len(b))
	if s.size <= s.max+1 { // room for a line's newline, which the limit does not count
		s.keep(b)
	} else {
		s.buf = s.buf[:0]
		s.drop()
	}
	s.br.Discard(len(b))
}

// keep adds b to the record's bytes: to buf up to a block's size, then to
// blocks.
func (s *scanner) keep(b []byte) {
	if len(s.blocks) == 0 {
		n := min(len(b), blockSize-len(s.buf))
		s.buf, b = append(s.buf, b[:n]...), b[n:]
	}
	for len(b) > 0 {
		if k := len(s.blocks); k == 0 || len(s.blocks[k-1]) == blockSize {
			s.blocks = append(s.blocks, make([]byte, 0, blockSize))
		}
		last := &s.blocks[len(s.blocks)-1]
		n := min(len(b), blockSize-len(*last))
		*last, b = append(*last, b[:n]...), b[n:]
	}
}

// record returns the current record's bytes in one slice, valid until the
// next record begins; it is empty for a record over the limit.
func (s *scanner) record() []byte {
	if len(s.blocks) == 0 {
		return s.buf
	}
	all := make([]byte, 0, len(s.buf)+len(s.blocks)*blockSize)
	all = append(all, s.buf...)
	for _, b := range s.blocks {
		all = append(all, b...)
	}
	return all
}

// skip consumes b, bytes between records.
func (s *scanner) skip(b []byte) {
	s.advance(b)
	s.br.Discard(len(b))
}

// tooLarge reports whether the current record, of which trailing bytes
// are not part, passed the limit.
func (s *scanner) tooLarge(trailing int) error {
	if n := s.size - int64(trailing); n > s.max {
		return &TooLargeError{Size: n, Limit: s.max}
	}
	return nil
}

// ioError is the record that reports a read error.
func (s *scanner) ioError() Record {
	return Record{Source: s.source, Line: s.line, Err: fmt.Errorf("%w: %w", ErrRead, s.err)}
}
