package recipients

import "bytes"

// jsonl yields one record per non-blank line. A line is read whatever its
// length: one over the limit is counted past, not kept, and yielded as a
// *TooLargeError, and the next line is read as usual.
func (s *scanner) jsonl(yield func(Record) bool) {
	for {
		start := s.line
		line, newline, ok := s.readLine()
		if !ok {
			if s.err != nil {
				yield(s.ioError())
			}
			return
		}
		rec := Record{Source: s.source, Line: start}
		if rec.Err = s.tooLarge(newline); rec.Err == nil {
			b := bytes.TrimSpace(line)
			if len(b) == 0 {
				continue
			}
			s.profile(&rec, b)
			s.at = origin{raw: b, line: start, col: 1 + len(line) - len(bytes.TrimLeft(line, " \t\r\n"))}
		}
		if !yield(rec) {
			return
		}
	}
}

// readLine reads up to and through the next newline. The line is valid
// until the next read; it is empty when the line is over the limit.
// newline is the newline's length (0 at the end of the input); ok is
// false at the end of the input.
func (s *scanner) readLine() (line []byte, newline int, ok bool) {
	s.begin()
	for {
		c := s.chunk()
		if len(c) == 0 {
			return s.record(), 0, s.size > 0
		}
		i := bytes.IndexByte(c, '\n')
		switch {
		case i < 0:
			s.take(c)
		case s.size == 0: // the whole line is buffered: use it in place
			s.skip(c[:i+1])
			s.size = int64(i + 1)
			return c[:i+1], 1, true
		default:
			s.take(c[:i+1])
			return s.record(), 1, true
		}
	}
}
