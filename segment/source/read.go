package source

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// row is one record of an input: a CSV record with its header, or a JSON
// object.
type row struct {
	line int
	csv  []string
	cols []string // CSV header, in order
	hdr  map[string]int
	obj  map[string]any
	keys []string // scratch for sorted JSON keys
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

// badFunc receives a record that could not be read.
type badFunc func(line int, msg string)

// scan streams the rows of one input. The *row passed to fn is reused:
// fn must not keep it. An error is returned only when the input cannot be
// read at all.
func scan(r io.Reader, format string, fn func(*row), bad badFunc) error {
	switch format {
	case "csv":
		return scanCSV(r, fn, bad)
	case "jsonl":
		return scanJSONL(r, fn, bad)
	case "json":
		return scanJSON(r, fn, bad)
	}
	return fmt.Errorf("unknown format %q", format)
}

// scanCSV reads a CSV file with a header row.
func scanCSV(r io.Reader, fn func(*row), bad badFunc) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return fmt.Errorf("header: %w", err)
	}
	rw := &row{hdr: make(map[string]int, len(header))}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		h = strings.TrimSpace(h)
		rw.hdr[h] = i
		rw.cols = append(rw.cols, h)
	}
	n := len(header)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			bad(pe.StartLine, pe.Err.Error())
			continue
		}
		if err != nil {
			return err
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != n {
			bad(line, fmt.Sprintf("%d cells, the header has %d", len(rec), n))
			continue
		}
		rw.line, rw.csv = line, rec
		fn(rw)
	}
}

// scanJSONL reads one JSON object per line; blank lines are skipped.
func scanJSONL(r io.Reader, fn func(*row), bad badFunc) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64<<20)
	rw := &row{}
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var obj map[string]any
		if err := json.Unmarshal(b, &obj); err != nil || obj == nil {
			bad(line, jsonMsg(err))
			continue
		}
		rw.line, rw.obj = line, obj
		fn(rw)
	}
	return sc.Err()
}

// scanJSON reads a JSON array of objects, or one object. The file is read
// whole (use JSONL for large inputs); a malformed element ends the scan.
func scanJSON(r io.Reader, fn func(*row), bad badFunc) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	lines := lineCounter{data: data, line: 1}
	dec := json.NewDecoder(bytes.NewReader(data))
	start := bytes.IndexAny(data, "[{")
	if start < 0 {
		if len(bytes.TrimSpace(data)) > 0 {
			bad(1, "not a JSON array or object")
		}
		return nil
	}
	rw := &row{}
	if data[start] == '[' {
		if _, err := dec.Token(); err != nil {
			bad(1, jsonMsg(err))
			return nil
		}
	}
	for dec.More() {
		at := lines.at(int(dec.InputOffset()) + skipSpace(data[dec.InputOffset():]))
		var v any
		if err := dec.Decode(&v); err != nil {
			bad(at, jsonMsg(err))
			return nil
		}
		obj, ok := v.(map[string]any)
		if !ok {
			bad(at, fmt.Sprintf("%s is not an object", describe(v)))
			continue
		}
		rw.line, rw.obj = at, obj
		fn(rw)
		if data[start] == '{' {
			return nil
		}
	}
	return nil
}

// skipSpace counts leading whitespace and commas (between array elements).
func skipSpace(b []byte) int {
	return len(b) - len(bytes.TrimLeft(b, " \t\r\n,"))
}

// lineCounter turns increasing byte offsets into line numbers.
type lineCounter struct {
	data []byte
	off  int
	line int
}

// at returns the line of byte offset off (offsets must not decrease).
func (c *lineCounter) at(off int) int {
	c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
	c.off = off
	return c.line
}

// jsonMsg describes a JSON error.
func jsonMsg(err error) string {
	if err == nil {
		return "not a JSON object"
	}
	return "invalid JSON: " + err.Error()
}
