package recipients

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

type got struct {
	line int
	id   any
	err  string
}

func collect(source, data string, f Format) []got {
	var out []got
	for r := range Read(source, strings.NewReader(data), f) {
		g := got{line: r.Line}
		if r.Err != nil {
			g.err = r.Err.Error()
		} else {
			g.id = r.Profile["id"]
		}
		out = append(out, g)
	}
	return out
}

func TestRead(t *testing.T) {
	tests := []struct {
		name, data string
		format     Format
		want       []got
	}{
		{"jsonl", "{\"id\":\"a\"}\n\n{\"id\":\"b\"\n{\"id\":\"c\"}\n", JSONL, []got{
			{1, "a", ""}, {3, nil, "malformed JSON: unexpected end of JSON input"}, {4, "c", ""}}},
		{"jsonl not an object", "[1]\n", JSONL, []got{{1, nil, "a profile must be a JSON object, not array"}}},
		{"json array", "[\n  {\"id\": \"a\"},\n\n  {\"id\": \"b\"}\n]", JSON, []got{{2, "a", ""}, {4, "b", ""}}},
		{"json object", "{\"id\": \"solo\"}", JSON, []got{{1, "solo", ""}}},
		{"json bad element", "[{\"id\": \"a\"},\n {\"id\": },\n {\"id\": \"c\"}]", JSON, []got{{1, "a", ""},
			{2, nil, "malformed JSON: invalid character '}' looking for beginning of value"}, {3, "c", ""}}},
		{"json objects in a row", "{\"id\": \"a\"}\n{\"id\": \"b\"}", JSON, []got{{1, "a", ""}, {2, "b", ""}}},
		{"json arrays in a row", "[{\"id\": \"a\"}]\n[{\"id\": \"b\"}] {\"id\": \"c\"}", JSON, []got{{1, "a", ""}, {2, "b", ""}, {2, "c", ""}}},
		{"json unclosed array", "[{\"id\": \"a\"}", JSON, []got{{1, "a", ""}, {1, nil, "malformed JSON: unexpected end of input: the array is not closed"}}},
		{"json missing comma", "[{\"id\": \"a\"} {\"id\": \"b\"}]", JSON, []got{{1, "a", ""}, {1, nil, "malformed JSON: invalid character '{' in the array: want a comma or ]"}}},
		{"json broken array", "[{\"id\": \"a\"},\n {\"id\": }]", JSON, []got{{1, "a", ""}, {2, nil, "malformed JSON: invalid character '}' looking for beginning of value"}}},
		{"csv", "id,name\na,Ann\nb\nc,\"Cy\"\n", CSV, []got{
			{2, "a", ""}, {3, nil, "CSV: record on line 3: wrong number of fields (1, the header has 2)"}, {4, "c", ""}}},
		{"sniff jsonl", "{\"id\":\"a\"}\n{\"id\":\"b\"}\n", "", []got{{1, "a", ""}, {2, "b", ""}}},
		{"sniff json", "{\n \"id\": \"a\"\n}\n", "", []got{{1, "a", ""}}},
		{"sniff csv", "id\nz\n", "", []got{{2, "z", ""}}},
		{"empty", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := collect("src", tt.data, tt.format)
			if len(g) != len(tt.want) {
				t.Fatalf("got %d records %v, want %d %v", len(g), g, len(tt.want), tt.want)
			}
			for i := range g {
				if g[i] != tt.want[i] {
					t.Errorf("record %d = %+v, want %+v", i, g[i], tt.want[i])
				}
			}
		})
	}
}

func TestFileName(t *testing.T) {
	ids := []string{"c-1001", "ana@example.com", "../../etc/passwd", "..", ".", ".hidden", "a/b", "a%2Fb", "a_b",
		"x\x00y", "a b\"c", "日本", strings.Repeat("z", MaxFileName), "%", "%25", "A", "a"}
	seen := map[string]string{}
	for _, id := range ids {
		name, err := FileName(id)
		if err != nil {
			t.Fatalf("FileName(%q): %v", id, err)
		}
		if strings.ContainsAny(name, "/\\\x00 \"") || strings.HasPrefix(name, ".") || len(name) > MaxFileName {
			t.Errorf("FileName(%q) = %q: not a safe file name", id, name)
		}
		if other, dup := seen[name]; dup {
			t.Errorf("FileName(%q) = FileName(%q) = %q", id, other, name)
		}
		seen[name] = id
		if back, err := ParseFileName(name); back != id || err != nil {
			t.Errorf("ParseFileName(%q) = %q, %v; want %q", name, back, err, id)
		}
	}
	for id, want := range map[string]string{"c-1001": "c-1001", "a/b": "a%2Fb", "a%2Fb": "a%252Fb", ".x.y": "%2Ex.y", "a b\"c": "a%20b%22c"} {
		if got, _ := FileName(id); got != want {
			t.Errorf("FileName(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestFileNameRefuses: an empty ID and one too long for a name are
// errors, never an empty, hidden or shortened name.
func TestFileNameRefuses(t *testing.T) {
	if name, err := FileName(""); !errors.Is(err, ErrNoID) {
		t.Errorf("FileName(\"\") = %q, %v; want ErrNoID", name, err)
	}
	for _, id := range []string{strings.Repeat("z", MaxFileName+1), strings.Repeat("/", MaxFileName/3+1)} {
		if name, err := FileName(id); err == nil || !strings.Contains(err.Error(), "too long") {
			t.Errorf("FileName(%d bytes) = %q, %v; want too long", len(id), name, err)
		}
	}
}

// FuzzFileName: FileName is injective, since ParseFileName inverts it,
// and its names are safe; ParseFileName accepts only FileName's names.
func FuzzFileName(f *testing.F) {
	for _, s := range []string{"c-1001", "a/b", "%", ".", "..x", "日本", "a\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		name, err := FileName(id)
		if err != nil {
			if id != "" && len(id) <= MaxFileName/3 {
				t.Fatalf("FileName(%q): %v", id, err)
			}
		} else {
			if strings.TrimLeft(name, "%-_@+.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" || strings.HasPrefix(name, ".") {
				t.Fatalf("FileName(%q) = %q: not a safe name", id, name)
			}
			if back, err := ParseFileName(name); back != id || err != nil {
				t.Fatalf("ParseFileName(FileName(%q)) = %q, %v", id, back, err)
			}
		}
		if back, err := ParseFileName(id); err == nil {
			if again, _ := FileName(back); again != id {
				t.Fatalf("ParseFileName(%q) = %q, which FileName names %q", id, back, again)
			}
		}
	})
}

// TestCSVColumns: a CSV record carries its header, trimmed of spaces and
// in file order, and its empty cells as ""; a JSON record has no columns.
func TestCSVColumns(t *testing.T) {
	var recs []Record
	for r := range Read("in.csv", strings.NewReader("\ufeff Email ,z,a\nx@y,,1\n"), CSV) {
		recs = append(recs, r)
	}
	if len(recs) != 1 || recs[0].Err != nil {
		t.Fatalf("records %+v", recs)
	}
	if got := strings.Join(recs[0].Columns, "|"); got != "Email|z|a" {
		t.Errorf("Columns = %q, want Email|z|a", got)
	}
	if v, ok := recs[0].Profile["z"]; !ok || v != "" || recs[0].Profile["Email"] != "x@y" {
		t.Errorf("Profile = %v", recs[0].Profile)
	}
	for r := range Read("in.jsonl", strings.NewReader(`{"a":1}`), JSONL) {
		if r.Columns != nil {
			t.Errorf("JSONL record has columns %q", r.Columns)
		}
	}
}

// TestReadErrorEnds: a failed read is the last record, its error is
// ErrRead and wraps the reader's error; a malformed record is not ErrRead.
func TestReadErrorEnds(t *testing.T) {
	broken := errors.New("disk on fire")
	for f, data := range map[Format]string{JSON: `[{"id":"a"},`, JSONL: "{\"id\":\"a\"}\n", CSV: "id\na\n"} {
		in := io.MultiReader(strings.NewReader(data), iotest.ErrReader(broken))
		var recs []Record
		for r := range Read("in", in, f) {
			recs = append(recs, r)
		}
		if len(recs) != 2 || recs[0].Err != nil || recs[0].Profile["id"] != "a" {
			t.Fatalf("%s: records %+v, want a, then the failed read", f, recs)
		}
		if err := recs[1].Err; !errors.Is(err, ErrRead) || !errors.Is(err, broken) || err.Error() != "reading: disk on fire" {
			t.Errorf("%s: last record's error = %v, want ErrRead wrapping %v", f, err, broken)
		}
	}
	for r := range Read("in", strings.NewReader("{\n"), JSONL) {
		if errors.Is(r.Err, ErrRead) {
			t.Errorf("malformed record is ErrRead: %v", r.Err)
		}
	}
}
