package recipients

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
)

// readJSON streams a JSON document that is one profile object or an array
// of them, without holding the whole array in memory.
func readJSON(source string, r io.Reader) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		lc := &lineCounter{r: r, line: 1}
		dec := json.NewDecoder(lc)
		if single(r) {
			var raw json.RawMessage
			rec := Record{Source: source, Line: 1}
			if err := dec.Decode(&raw); err != nil {
				rec.Line, rec.Err = lc.lineAt(dec.InputOffset()), fmt.Errorf("malformed JSON: %w", err)
			} else {
				rec.Profile, rec.Err = decodeProfile(raw)
			}
			yield(rec)
			return
		}
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			yield(Record{Source: source, Line: lc.lineAt(dec.InputOffset()), Err: fmt.Errorf("malformed JSON: %w", err)})
			return
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			yield(Record{Source: source, Line: 1, Err: fmt.Errorf("want a JSON object or an array of objects")})
			return
		}
		for dec.More() {
			start := lc.lineAt(dec.InputOffset() + leadingSpace(lc, dec))
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				yield(Record{Source: source, Line: lc.lineAt(dec.InputOffset()), Err: fmt.Errorf("malformed JSON: %w", err)})
				return
			}
			rec := Record{Source: source, Line: start}
			rec.Profile, rec.Err = decodeProfile(raw)
			if !yield(rec) {
				return
			}
		}
	}
}

// single reports whether the document is one object rather than an array.
func single(r io.Reader) bool {
	br, ok := r.(interface{ Peek(int) ([]byte, error) })
	if !ok {
		return false
	}
	b, _ := br.Peek(4096)
	b = bytes.TrimLeft(b, " \t\r\n\ufeff")
	return len(b) > 0 && b[0] == '{'
}

// leadingSpace is how many bytes of white space and commas follow the
// decoder's offset, so a record's line is that of its first byte.
func leadingSpace(_ *lineCounter, dec *json.Decoder) int64 {
	b, _ := io.ReadAll(io.LimitReader(dec.Buffered(), 4096))
	n := 0
	for n < len(b) && (b[n] == ' ' || b[n] == '\n' || b[n] == '\r' || b[n] == '\t' || b[n] == ',') {
		n++
	}
	return int64(n)
}

// lineCounter remembers the bytes read but not yet counted, so it can turn
// a growing offset into a line number in constant memory.
type lineCounter struct {
	r       io.Reader
	pending []byte
	base    int64 // offset of pending[0]
	line    int   // line at base
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.pending = append(c.pending, p[:n]...)
	return n, err
}

func (c *lineCounter) lineAt(off int64) int {
	k := int(off - c.base)
	if k > len(c.pending) {
		k = len(c.pending)
	}
	if k > 0 {
		c.line += bytes.Count(c.pending[:k], []byte("\n"))
		c.pending = append(c.pending[:0], c.pending[k:]...)
		c.base += int64(k)
	}
	return c.line
}
