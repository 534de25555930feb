package recipients

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"path"
	"sort"
	"strings"

	"github.com/tailor-email/tailor/segment"
)

// Record is one recipient, or the reason one could not be read.
type Record struct {
	Profile segment.Profile
	Source  string // the file, or "<stdin>"
	Line    int    // 1-based line where the record starts
	Err     error  // set when the record could not be read; Profile is then nil
}

// Where formats the record's place as source:line.
func (r Record) Where() string { return fmt.Sprintf("%s:%d", r.Source, r.Line) }

// Format is how a source is encoded.
type Format string

// The formats Read understands.
const (
	JSON  Format = "json"  // one profile object, or an array of them
	JSONL Format = "jsonl" // one profile object per line
	CSV   Format = "csv"   // a header row, then one profile per row
)

// FormatOf guesses a file's format from its extension ("" when unknown).
func FormatOf(name string) Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return JSON
	case ".jsonl", ".ndjson":
		return JSONL
	case ".csv":
		return CSV
	}
	return ""
}

// maxLine bounds one JSONL line or CSV row.
const maxLine = 16 << 20

// Read streams the records of r. With an empty format it is guessed from
// the content: a leading "[" is JSON, a first line that is a whole JSON
// object is JSONL, any other "{" is JSON, anything else CSV. A bad record
// is yielded with Err set and reading goes on; an error that stops the
// source (a broken JSON array, an I/O error) is yielded last.
func Read(source string, r io.Reader, format Format) iter.Seq[Record] {
	br := bufio.NewReaderSize(r, 64<<10)
	if format == "" {
		format = sniff(br)
	}
	switch format {
	case JSONL:
		return readJSONL(source, br)
	case CSV:
		return readCSV(source, br)
	}
	return readJSON(source, br)
}

func sniff(br *bufio.Reader) Format {
	head, _ := br.Peek(64 << 10)
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case len(trimmed) == 0:
		return JSONL
	case trimmed[0] == '[':
		return JSON
	case trimmed[0] == '{':
		line, _, _ := bytes.Cut(trimmed, []byte("\n"))
		if json.Valid(bytes.TrimSpace(line)) {
			return JSONL
		}
		return JSON
	}
	return CSV
}

func readJSONL(source string, br *bufio.Reader) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		sc := bufio.NewScanner(br)
		sc.Buffer(make([]byte, 0, 64<<10), maxLine)
		line := 0
		for sc.Scan() {
			line++
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 {
				continue
			}
			rec := Record{Source: source, Line: line}
			rec.Profile, rec.Err = decodeProfile(b)
			if !yield(rec) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(Record{Source: source, Line: line + 1, Err: fmt.Errorf("reading: %w", err)})
		}
	}
}

// decodeProfile decodes one profile object; errors are encoding/json's.
func decodeProfile(b []byte) (segment.Profile, error) {
	if p, ok := decodeObject(b); ok {
		return p, nil
	}
	var p segment.Profile
	if err := json.Unmarshal(b, &p); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return nil, fmt.Errorf("a profile must be a JSON object, not %s", te.Value)
		}
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if p == nil {
		return nil, fmt.Errorf("a profile must be a JSON object, not null")
	}
	return p, nil
}

func readCSV(source string, br *bufio.Reader) iter.Seq[Record] {
	return func(yield func(Record) bool) {
		cr := csv.NewReader(br)
		cr.ReuseRecord = true
		header, err := cr.Read()
		if err != nil {
			if err != io.EOF {
				yield(Record{Source: source, Line: 1, Err: fmt.Errorf("CSV header: %w", err)})
			}
			return
		}
		header = append([]string(nil), header...)
		cr.FieldsPerRecord = len(header)
		for {
			row, err := cr.Read()
			if err == io.EOF {
				return
			}
			line, _ := cr.FieldPos(0)
			rec := Record{Source: source, Line: line}
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					rec.Line = pe.StartLine
				}
				rec.Err = fmt.Errorf("CSV: %w", err)
			} else {
				rec.Profile = make(segment.Profile, len(header))
				for i, h := range header {
					rec.Profile[h] = row[i]
				}
			}
			if !yield(rec) {
				return
			}
		}
	}
}

// Fixtures reads a workspace's fixture recipients: every
// testdata/recipients/*.json (one profile or an array) and *.jsonl, in
// file name order. Any bad record is an error.
func Fixtures(fsys fs.FS) ([]Record, error) {
	files, _ := fs.Glob(fsys, "testdata/recipients/*")
	sort.Strings(files)
	var out []Record
	for _, f := range files {
		format := FormatOf(f)
		if format == "" {
			continue
		}
		file, err := fsys.Open(f)
		if err != nil {
			return nil, fmt.Errorf("fixtures: %w", err)
		}
		for rec := range Read(f, file, format) {
			if rec.Err != nil {
				file.Close()
				return nil, fmt.Errorf("%s: %w", rec.Where(), rec.Err)
			}
			out = append(out, rec)
		}
		file.Close()
	}
	return out, nil
}
