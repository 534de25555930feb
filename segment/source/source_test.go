package source

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
)

// loadOne loads a single input whose file holds data.
func loadOne(t *testing.T, in Input, data string) *Result {
	t.Helper()
	fsys := fstest.MapFS{in.Path: {Data: []byte(data)}}
	res, err := Load(fsys, Spec{Inputs: []Input{in}}, now)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestBadData(t *testing.T) {
	csvIn := Input{Name: "crm", Path: "crm.csv", Key: "email", Types: map[string]string{"age": "int"}}
	jsonlIn := Input{Name: "web", Path: "web.jsonl", Key: "email"}
	tests := []struct {
		name   string
		in     Input
		data   string
		want   InputReport // only the counts are compared
		issues []string
	}{
		{"CSV bad row", csvIn, "email,age\na@x.com,1\nb@x.com\nc@x.com,3\n",
			InputReport{Rows: 3, Loaded: 2, BadRows: 1},
			[]string{"crm.csv:3: bad row: CSV: record on line 3: wrong number of fields (1, the header has 2)"}},
		{"CSV broken quote", csvIn, "email,age\na@x.com,1\nb\"@x.com,2\nc@x.com,3\n",
			InputReport{Rows: 3, Loaded: 2, BadRows: 1},
			[]string{"crm.csv:3: bad row: CSV: parse error on line 3, column 2: bare \" in non-quoted-field"}},
		{"wrong type", csvIn, "email,age\na@x.com,1.5\nb@x.com,2\n",
			InputReport{Rows: 2, Loaded: 2, BadValues: 1},
			[]string{"crm.csv:2: bad value: key a@x.com: field age: 1.5 is not a whole number"}},
		{"duplicate key", csvIn, "email,age\na@x.com,1\n A@X.com ,1\n",
			InputReport{Rows: 2, Loaded: 2, Duplicates: 1},
			[]string{"crm.csv:3: duplicate: key a@x.com: key seen before in this input"}},
		{"no key", csvIn, "email,age\n,1\n  ,2\n",
			InputReport{Rows: 2, BadRows: 2},
			[]string{"crm.csv:2: bad row: field email: no key", "crm.csv:3: bad row: field email: no key"}},
		{"JSONL line that does not parse", jsonlIn, "{\"email\":\"a@x.com\"}\n{\"email\":\n\n{\"email\":\"b@x.com\"}\n",
			InputReport{Rows: 3, Loaded: 2, BadRows: 1},
			[]string{"web.jsonl:2: bad row: malformed JSON: unexpected end of JSON input"}},
		{"JSONL not an object", jsonlIn, "\"a\"\nnull\n{\"email\":\"b@x.com\"}\n",
			InputReport{Rows: 3, Loaded: 1, BadRows: 2}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := loadOne(t, tt.in, tt.data)
			got := res.Report.Inputs[0]
			if got.Rows != tt.want.Rows || got.Loaded != tt.want.Loaded || got.BadRows != tt.want.BadRows ||
				got.BadValues != tt.want.BadValues || got.Duplicates != tt.want.Duplicates {
				t.Errorf("counts = %+v, want %+v", got, tt.want)
			}
			if ok, eq := got.Balanced(); !ok {
				t.Errorf("counts do not add up: %s", eq)
			}
			for i, want := range tt.issues {
				if i >= len(res.Report.Issues) || res.Report.Issues[i].String() != want {
					t.Errorf("issue %d = %v, want %s", i, res.Report.Issues, want)
				}
			}
		})
	}
}

func TestEventWindow(t *testing.T) {
	in := Input{Name: "orders", Kind: Events, Path: "o.csv", Key: "email", At: "at", Amount: "amount", Window: "30d"}
	tests := []struct {
		at        string
		freq      float64
		total     float64
		recency   float64
		aggregate bool
	}{
		{"2026-03-02T12:00:00Z", 1, 10, 29, true}, // 29 days before now
		{"2026-03-01T12:00:00Z", 1, 10, 30, true}, // exactly 30: in the window
		{"2026-02-28T12:00:00Z", 0, 0, 31, true},  // 31: counted, not in the window
		{"2026-03-31T12:00:01Z", 0, 0, 0, false},  // one second after now: future
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{
			"p.csv": {Data: []byte("email\na@x.com\n")},
			"o.csv": {Data: []byte("email,at,amount\na@x.com," + tt.at + ",10\n")},
		}
		res, err := Load(fsys, Spec{Inputs: []Input{{Name: "p", Path: "p.csv", Key: "email"}, in}}, now)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := res.Get("A@x.com")
		if p["frequency"] != tt.freq || p["monetary_total"] != tt.total {
			t.Errorf("%s: frequency %v total %v, want %v %v", tt.at, p["frequency"], p["monetary_total"], tt.freq, tt.total)
		}
		if tt.aggregate && p["recency_days"] != tt.recency {
			t.Errorf("%s: recency %v, want %v", tt.at, p["recency_days"], tt.recency)
		}
		if !tt.aggregate && (p["recency_days"] != nil || res.Report.Inputs[1].Future != 1) {
			t.Errorf("%s: a future event must not count: %v %+v", tt.at, p, res.Report.Inputs[1])
		}
	}
}

func TestCoerce(t *testing.T) {
	tests := []struct {
		typ  string
		in   any
		want string // fmt %v of the result, or "error"
	}{
		{"number", " 12.5 ", "12.5"}, {"number", 3.0, "3"}, {"number", "1e3", "1000"},
		{"number", "12 kg", "error"}, {"number", true, "error"}, {"number", "NaN", "error"},
		{"int", "7", "7"}, {"int", "7.5", "error"},
		{"bool", "Yes", "true"}, {"bool", "0", "false"}, {"bool", 1.0, "true"}, {"bool", "maybe", "error"},
		{"date", "2026-01-02", "2026-01-02T00:00:00Z"}, {"date", "2026-01-02 03:04:05", "2026-01-02T03:04:05Z"},
		{"date", "2026-01-02T03:04:05+02:00", "2026-01-02T01:04:05Z"}, {"date", "0", "1970-01-01T00:00:00Z"},
		{"date", "soon", "error"},
		{"list", "a| b |c", "[a b c]"}, {"list", []any{"x"}, "[x]"}, {"list", 3.0, "error"},
		{"json", `{"a":1}`, "map[a:1]"}, {"json", `{"a":`, "error"},
		{"string", 12.0, "12"}, {"", "x", "x"},
		{"int", json.Number("7"), "7"}, {"bool", json.Number("1"), "true"}, {"date", json.Number("0"), "1970-01-01T00:00:00Z"},
		{"string", json.Number("9007199254740993"), "9007199254740993"}, {"", json.Number("12"), "12"},
	}
	for _, tt := range tests {
		got, err := coerce(tt.in, tt.typ)
		s := "error"
		if err == nil {
			s = strings.TrimSpace(fmtAny(got))
		}
		if s != tt.want {
			t.Errorf("coerce(%#v, %s) = %s (%v), want %s", tt.in, tt.typ, s, err, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		spec Spec
		want string
	}{
		{"ok", Spec{Inputs: []Input{{Name: "a", Path: "a.csv", Key: "k"}}}, ""},
		{"policy", Spec{Conflict: "newest", Inputs: nil}, `conflict "newest"`},
		{"format", Spec{Inputs: []Input{{Name: "a", Path: "a.txt", Key: "k"}}}, `format "txt"`},
		{"no key", Spec{Inputs: []Input{{Name: "a", Path: "a.csv"}}}, "missing key"},
		{"type", Spec{Inputs: []Input{{Name: "a", Path: "a.csv", Key: "k", Types: map[string]string{"x": "float"}}}}, `unknown type "float"`},
		{"timestamp", Spec{Conflict: MostRecent, Inputs: []Input{{Name: "a", Path: "a.csv", Key: "k"}}}, "needs a timestamp"},
		{"events at", Spec{Inputs: []Input{{Name: "e", Kind: Events, Path: "e.csv", Key: "k"}}}, "need an at column"},
		{"window", Spec{Inputs: []Input{{Name: "e", Kind: Events, Path: "e.csv", Key: "k", At: "t", Window: "soon"}}}, "window"},
		{"prefix clash", Spec{Inputs: []Input{{Name: "e", Kind: Events, Path: "e.csv", Key: "k", At: "t"}, {Name: "f", Kind: Events, Path: "f.csv", Key: "k", At: "t"}}}, "share the feature prefix"},
		{"duplicate name", Spec{Inputs: []Input{{Name: "a", Path: "a.csv", Key: "k"}, {Name: "a", Path: "b.csv", Key: "k"}}}, "duplicate input name"},
	}
	for _, tt := range tests {
		err := tt.spec.Validate()
		if (tt.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestJSONSingleObject(t *testing.T) {
	res := loadOne(t, Input{Name: "one", Path: "one.json", Key: "id"}, `  {"id": "X1", "name": "Ana"}`)
	p, ok := res.Get("x1")
	if !ok || p["name"] != "Ana" || res.Report.Inputs[0].Loaded != 1 {
		t.Errorf("got %v %+v", p, res.Report.Inputs[0])
	}
}

// TestExactNumericKeys: numeric JSON keys above 2^53 stay distinct
// recipients, each keyed by its exact text.
func TestExactNumericKeys(t *testing.T) {
	res := loadOne(t, Input{Name: "web", Path: "web.jsonl", Key: "id"}, "{\"id\": 9007199254740993}\n{\"id\": 9007199254740992}\n")
	if _, ok := res.Get("9007199254740993"); !ok || res.Len() != 2 || res.Report.Inputs[0].Duplicates != 0 {
		t.Errorf("%d recipients, report %+v; want the two keys apart", res.Len(), res.Report.Inputs[0])
	}
}

// TestCSVHeaderTrimmed: spaces around a header name and a byte order mark
// are not part of the column's name.
func TestCSVHeaderTrimmed(t *testing.T) {
	res := loadOne(t, Input{Name: "crm", Path: "crm.csv", Key: "email"}, "\ufeff email , plan \na@x.com,gold\n")
	if p, ok := res.Get("a@x.com"); !ok || p["plan"] != "gold" {
		t.Errorf("got %v, report %+v", p, res.Report.Inputs[0])
	}
}

// failingFS opens files whose reads fail after a first row.
type failingFS struct{ err error }

func (f failingFS) Open(name string) (fs.File, error) {
	return failingFile{io.MultiReader(strings.NewReader("email\na@x.com\n"), iotest.ErrReader(f.err))}, nil
}

type failingFile struct{ io.Reader }

func (failingFile) Stat() (fs.FileInfo, error) { return nil, errors.ErrUnsupported }
func (failingFile) Close() error               { return nil }

// TestReadErrorFailsLoad: an input that cannot be read is Load's error,
// naming the input, not a bad row.
func TestReadErrorFailsLoad(t *testing.T) {
	broken := errors.New("disk on fire")
	_, err := Load(failingFS{broken}, Spec{Inputs: []Input{{Name: "crm", Path: "crm.csv", Key: "email"}}}, now)
	if !errors.Is(err, broken) || !strings.Contains(err.Error(), "crm.csv") {
		t.Errorf("Load: %v, want an error naming crm.csv and wrapping %v", err, broken)
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{" Ana@Example.COM\t": "ana@example.com", "": "", "bo@x": "bo@x"} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
