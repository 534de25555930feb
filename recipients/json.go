package recipients

import (
	"bytes"
	"errors"
	"fmt"
)

// json yields the objects of a JSON document: one object, an array of
// them, or several of either one after the other. Each element is cut out
// by matching its brackets and quotes, so an element over the limit is
// read past without being kept, and a malformed element fails alone; a
// broken array (a missing comma, an unclosed bracket) stops the source.
func (s *scanner) json(yield func(Record) bool) {
	inArray, want := false, "value" // in an array: "value", "first" or "comma"
	for {
		c, ok := s.peekNonSpace()
		switch {
		case !ok && s.err != nil:
			yield(s.ioError())
			return
		case !ok && inArray:
			yield(s.stop(errors.New("unexpected end of input: the array is not closed")))
			return
		case !ok:
			return
		case !inArray && c == '[':
			s.skip([]byte{c})
			inArray, want = true, "first"
		case !inArray && c != '{':
			yield(Record{Source: s.source, Line: s.line, Err: errors.New("want a JSON object or an array of objects")})
			return
		case inArray && want == "comma" && c == ',':
			s.skip([]byte{c})
			want = "value"
		case inArray && want != "value" && c == ']':
			s.skip([]byte{c})
			inArray = false
		case inArray && (want == "comma" || c == ']' || c == ','):
			yield(s.stop(fmt.Errorf("invalid character %q in the array: want a comma or ]", c)))
			return
		default:
			if !yield(s.element()) {
				return
			}
			want = "comma"
		}
	}
}

// element reads the value at the reader's position as one record.
func (s *scanner) element() Record {
	rec := Record{Source: s.source, Line: s.line}
	col := s.col
	s.begin()
	var v valueState
	for done := false; !done; {
		c := s.chunk()
		if len(c) == 0 {
			break // the decoder reports the value as truncated
		}
		i := v.scan(c)
		if done = i >= 0; !done {
			i = len(c)
		}
		s.take(c[:i])
	}
	if rec.Err = s.tooLarge(0); rec.Err == nil {
		raw := s.record()
		s.profile(&rec, raw)
		s.at = origin{raw: raw, line: rec.Line, col: col}
	}
	return rec
}

// stop is the record of an error that ends the document.
func (s *scanner) stop(err error) Record {
	return Record{Source: s.source, Line: s.line, Err: fmt.Errorf("malformed JSON: %w", err)}
}

// peekNonSpace skips white space and returns the next byte, unread.
func (s *scanner) peekNonSpace() (byte, bool) {
	for {
		c := s.chunk()
		if len(c) == 0 {
			return 0, false
		}
		for i, b := range c {
			if !isSpace(b) {
				s.skip(c[:i])
				return b, true
			}
		}
		s.skip(c)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// valueState follows a JSON value byte by byte, far enough to find its
// end: brackets, strings and escapes. Whether it is valid is the
// decoder's business.
type valueState struct {
	started, scalar bool
	depth           int
	str, esc        bool
}

// scan returns the index just past the value's end in b, or -1 when the
// value goes on past b.
func (v *valueState) scan(b []byte) int {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !v.started {
			v.started, v.scalar = true, c != '{' && c != '[' && c != '"'
		}
		switch {
		case v.esc:
			v.esc = false
		case v.str && c == '\\':
			v.esc = true
		case v.str && c == '"':
			v.str = false
			if v.depth == 0 {
				return i + 1
			}
		case v.str: // skip to the string's next quote or backslash
			j := stringEnd(b[i:])
			if j < 0 {
				return -1
			}
			i += j - 1
		case v.scalar && (c == ',' || c == ']' || c == '}' || isSpace(c)):
			return i
		case c == '"':
			v.str = true
		case c == '{' || c == '[':
			v.depth++
		case c == '}' || c == ']':
			if v.depth--; v.depth <= 0 {
				return i + 1
			}
		}
	}
	return -1
}

// stringEnd returns the index of the first quote or backslash in b, or -1.
func stringEnd(b []byte) int {
	q, e := bytes.IndexByte(b, '"'), bytes.IndexByte(b, '\\')
	if q < 0 || 0 <= e && e < q {
		return e
	}
	return q
}
