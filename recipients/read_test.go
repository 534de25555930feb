package recipients

import (
	"strings"
	"testing"
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
		{"json broken array", "[{\"id\": \"a\"},\n {\"id\": }]", JSON, []got{{1, "a", ""}, {2, nil, "malformed JSON: invalid character '}' looking for beginning of value"}}},
		{"csv", "id,name\na,Ann\nb\nc,\"Cy\"\n", CSV, []got{
			{2, "a", ""}, {3, nil, "CSV: record on line 3: wrong number of fields"}, {4, "c", ""}}},
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
	seen := map[string]string{}
	for _, id := range []string{"c-1001", "ana@example.com", "../../etc/passwd", "..", ".", "", "a/b", "a_b", "x\x00y", strings.Repeat("z", 300)} {
		name := FileName(id)
		if strings.ContainsAny(name, "/\\\x00") || name == "." || name == ".." || strings.HasPrefix(name, ".") || len(name) > 120 {
			t.Errorf("FileName(%q) = %q: not a safe file name", id, name)
		}
		if other, dup := seen[name]; dup {
			t.Errorf("FileName(%q) = FileName(%q) = %q", id, other, name)
		}
		seen[name] = id
	}
	if FileName("c-1001") != "c-1001" {
		t.Errorf("a plain ID should stay as it is, got %q", FileName("c-1001"))
	}
}
