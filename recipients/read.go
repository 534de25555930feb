package recipients

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"path"
	"sort"
	"strings"

	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
)

// Record is one recipient, or the reason one could not be read.
type Record struct {
	Profile segment.Profile
	Source  string // the file, or "<stdin>"
	Line    int    // 1-based line where the record starts
	Err     error  // set when the record could not be read; Profile is then nil
	// Columns is a CSV source's header, in order, shared by all its
	// records (read only); nil for JSON. An empty cell is "" in Profile.
	Columns []string
	// Cells, with Options.Cells, are a CSV record's cells in Columns'
	// order, in place of a Profile; the slice is reused by the next record.
	Cells []string
	// DataErrors, when the profile was typed (Options.Schema or Infer),
	// are the values that did not fit the schema, each at its
	// source:line:col, in the order of their places; they are left out of
	// Profile.
	DataErrors []*schema.Error
	// Schema is the schema the profile was typed by: Options.Schema, or
	// the one inferred from the source's first records; nil when the
	// profile is as read.
	Schema *schema.Schema
	// typed is set when the reader typed the profile as it decoded it.
	typed bool
}

// ErrRead is in the error of the record that reports a failed read: the
// source ends there, unlike after a malformed record.
var ErrRead = errors.New("reading")

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

// DefaultMaxRecord is Options.MaxRecord's default: 64 MiB.
const DefaultMaxRecord = 64 << 20

// Options tune Read.
type Options struct {
	// MaxRecord bounds the bytes of one record: a JSONL line, a CSV record,
	// an object of a JSON document. A longer record is read past without
	// being kept, and yielded with a *TooLargeError; the next one is read
	// as usual. Zero means DefaultMaxRecord.
	MaxRecord int64
	// IDField names the profile field holding the recipient's ID; zero
	// means "id". A JSON number there keeps its exact text, as a
	// json.Number, so that 1234567 stays "1234567" and IDs above 2^53 stay
	// distinct; every other number is a float64.
	IDField string
	// Cells has the records of a CSV source carry their Cells and no
	// Profile, for a reader that maps columns itself and would rather not
	// pay for a map per row. Such records are not typed.
	Cells bool
	// Schema types each profile as it is read (schema.Apply, and
	// ApplyFlat for a CSV row): a value that does not fit is left out and
	// listed in Record.DataErrors at its source:line:col (in CSV the
	// column of its cell, counted in runes; in JSON the value's own place).
	Schema *schema.Schema
	// Infer, without a Schema, types the profiles by a schema inferred
	// from the source's first Infer records (DefaultInfer is the commands'
	// choice), or as many as fit in 16 MiB, held until it is known; every
	// inferred field is optional. Zero keeps profiles as read.
	Infer int
}

// Read streams the records of r with the default Options. See ReadWith.
func Read(source string, r io.Reader, format Format) iter.Seq[Record] {
	return ReadWith(source, r, format, Options{})
}

// ReadWith streams the records of r. A leading UTF-8 byte order mark is
// skipped, whatever the format. With an empty format it is guessed from the
// content: a leading "[" is JSON, a first line that is a whole JSON object
// is JSONL, any other "{" is JSON, anything else CSV. A bad record (too
// large, malformed) is yielded with Err set and reading goes on; an error
// that stops the source (a broken JSON array, an I/O error) is yielded last.
func ReadWith(source string, r io.Reader, format Format, opts Options) iter.Seq[Record] {
	if opts.MaxRecord <= 0 {
		opts.MaxRecord = DefaultMaxRecord
	}
	if opts.IDField == "" {
		opts.IDField = "id"
	}
	br := bufio.NewReaderSize(r, 64<<10)
	skipBOM(br)
	if format == "" {
		format = sniff(br)
	}
	s := &scanner{br: br, max: opts.MaxRecord, line: 1, col: 1, source: source, id: opts.IDField, cells: opts.Cells}
	if opts.Schema != nil {
		s.typedBy = opts.Schema.Root()
	}
	switch format {
	case JSONL:
		return s.typed(s.jsonl, opts)
	case CSV:
		return s.typed(s.csv, opts)
	}
	s.cols = opts.Schema != nil || opts.Infer > 0
	return s.typed(s.json, opts)
}

// bom is the UTF-8 encoding of U+FEFF, which Excel's "CSV UTF-8" and some
// editors put at the start of a file.
var bom = []byte{0xEF, 0xBB, 0xBF}

func skipBOM(br *bufio.Reader) {
	if b, _ := br.Peek(len(bom)); bytes.Equal(b, bom) {
		br.Discard(len(bom))
	}
}

func sniff(br *bufio.Reader) Format {
	head, _ := br.Peek(64 << 10)
	trimmed := bytes.TrimLeft(head, " \t\r\n")
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

// profile decodes one JSON record: typed as it is decoded when the
// source has a schema and the record fits it, else as decodeProfile does
// (and typed later, by Apply).
func (s *scanner) profile(rec *Record, b []byte) {
	if s.typedBy != nil {
		if p, ok := decodeTyped(b, s.id, s.typedBy); ok {
			rec.Profile, rec.typed = p, true
			return
		}
	}
	rec.Profile, rec.Err = decodeProfile(b, s.id)
}

// decodeProfile decodes one profile object; errors are encoding/json's.
// A number in the field id is kept as a json.Number.
func decodeProfile(b []byte, id string) (segment.Profile, error) {
	if p, ok := decodeObject(b, id); ok {
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
	if _, ok := p[id].(float64); ok {
		var raw map[string]json.RawMessage
		if json.Unmarshal(b, &raw) == nil {
			p[id] = json.Number(raw[id])
		}
	}
	return p, nil
}

// Fixtures reads a workspace's fixture recipients: every
// testdata/recipients/*.json (one profile or an array) and *.jsonl, in
// file name order; other files there (a CRM's CSV export to try) are not
// fixtures. Any bad record is an error.
func Fixtures(fsys fs.FS) ([]Record, error) { return FixturesWith(fsys, Options{}) }

// FixturesWith reads the fixtures as Fixtures does, each file with opts:
// with a Schema (or Infer, per file), the profiles are typed and their
// data errors are in each Record's DataErrors.
func FixturesWith(fsys fs.FS, opts Options) ([]Record, error) {
	files, _ := fs.Glob(fsys, "testdata/recipients/*")
	sort.Strings(files)
	var out []Record
	for _, f := range files {
		format := FormatOf(f)
		if format != JSON && format != JSONL {
			continue // a CSV there is sample data, not fixtures
		}
		file, err := fsys.Open(f)
		if err != nil {
			return nil, fmt.Errorf("fixtures: %w", err)
		}
		for rec := range ReadWith(f, file, format, opts) {
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
