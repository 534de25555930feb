package recipients

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/schema"
)

const testSchema = `fields:
  - {name: id, type: string}
  - {name: name, type: string, optional: true}
  - {name: loyalty_points, type: int, optional: true}
  - {name: vip, type: bool, optional: true}
  - {name: orders, type: list<object>, optional: true}
  - {name: orders.total, type: decimal}
`

func typedRead(t *testing.T, source, data string, f Format, opts Options) []Record {
	t.Helper()
	var out []Record
	for r := range ReadWith(source, strings.NewReader(data), f, opts) {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Where(), r.Err)
		}
		out = append(out, r)
	}
	return out
}

func dataErrors(recs []Record) []string {
	var out []string
	for _, r := range recs {
		for _, e := range r.DataErrors {
			out = append(out, e.Error())
		}
	}
	return out
}

func TestTypedPlaces(t *testing.T) {
	s, err := schema.Parse("schema.yaml", []byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data string
		format     Format
		want       []string
	}{
		{"csv", "\ufeffid,name,loyalty_points,vip\n" +
			"a,Ana,1200,yes\n" +
			"b,\"Zoë, \"\"Z\"\"\",abc,maybe\n",
			CSV, []string{
				`crm.csv:3:16: loyalty_points: "abc" is not an int`,
				`crm.csv:3:20: vip: "maybe" is not a bool (want yes/no, true/false, y/n, on/off or 1/0)`,
			}},
		{"csv quoted cell over lines", "id,name,loyalty_points\na,\"two\nlines\",x\n",
			CSV, []string{`crm.csv:3:8: loyalty_points: "x" is not an int`}},
		{"csv missing id", "id,name\n,Ana\n", CSV, []string{`crm.csv:2:1: id: missing`}},
		{"jsonl", `{"id": "a", "loyalty_points": 12}` + "\n" + `  {"id": "b", "orders": [{"total": 1}, {"total": "x"}]}` + "\n",
			JSONL, []string{`crm.csv:2:50: orders.1.total: "x" is not a decimal`}},
		{"json array", "[{\"id\": \"a\"}, {\"id\": \"ü\",\n  \"loyalty_points\": \"abc\"}, {\"loyalty_points\": 1}]",
			JSON, []string{`crm.csv:2:21: loyalty_points: "abc" is not an int`, `crm.csv:2:29: id: missing`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := typedRead(t, "crm.csv", tt.data, tt.format, Options{Schema: s})
			if got := dataErrors(recs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestTypedValues(t *testing.T) {
	s, _ := schema.Parse("schema.yaml", []byte(testSchema))
	csv := typedRead(t, "a.csv", "id,name,loyalty_points,vip,orders\n7,,1200,yes,\"[{\"\"total\"\": \"\"9.50\"\"}]\"\n", CSV, Options{Schema: s})
	json := typedRead(t, "a.json", `{"id": 7, "name": null, "loyalty_points": "1200", "vip": true, "orders": [{"total": 9.5}]}`, JSON, Options{Schema: s})
	want := map[string]any{"id": "7", "loyalty_points": 1200, "vip": true, "orders": []any{map[string]any{"total": 9.5}}}
	for _, recs := range [][]Record{csv, json} {
		if !reflect.DeepEqual(recs[0].Profile, want) {
			t.Errorf("%s: %#v", recs[0].Source, recs[0].Profile)
		}
	}
}

func TestInferredFromTheFirstRecords(t *testing.T) {
	data := "id,points,joined\na,1200,2026-10-20\nb,,2026-10-21\nc,abc,soon\n"
	recs := typedRead(t, "x.csv", data, CSV, Options{Infer: 2})
	if p := recs[0].Profile; p["points"] != 1200 || !p["joined"].(time.Time).Equal(time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first record: %#v", p)
	}
	if _, ok := recs[1].Profile["points"]; ok {
		t.Error("an empty cell is not missing")
	}
	want := []string{`x.csv:4:3: points: "abc" is not an int`, `x.csv:4:7: joined: "soon" is not a date (want YYYY-MM-DD)`}
	if got := dataErrors(recs); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// The whole source as the sample: points is then a string.
	recs = typedRead(t, "x.csv", data, CSV, Options{Infer: DefaultInfer})
	if recs[2].Profile["points"] != "abc" || recs[0].Profile["points"] != "1200" || len(dataErrors(recs)) != 0 {
		t.Errorf("%v %v", recs[0].Profile, recs[2].Profile)
	}
}

func TestTypedKeepsBadRecordsInOrder(t *testing.T) {
	data := "{\"id\": \"a\"}\n{bad\n{\"id\": \"c\"}\n"
	var lines []int
	for r := range ReadWith("x.jsonl", strings.NewReader(data), JSONL, Options{Infer: 10}) {
		lines = append(lines, r.Line)
	}
	if !reflect.DeepEqual(lines, []int{1, 2, 3}) {
		t.Errorf("lines %v", lines)
	}
}

// TestInferSampleBound: the sample ends at 16 MiB of records, whatever
// Infer says: the 17th record of a MiB is typed by what the first 16 had.
func TestInferSampleBound(t *testing.T) {
	pad := strings.Repeat("x", 1<<20)
	var b strings.Builder
	for i := range 16 {
		fmt.Fprintf(&b, "{\"id\": \"r%d\", \"n\": %d, \"pad\": %q}\n", i, i, pad)
	}
	b.WriteString(`{"id": "last", "n": "abc"}` + "\n")
	recs := typedRead(t, "big.jsonl", b.String(), JSONL, Options{Infer: DefaultInfer, MaxRecord: 2 << 20})
	want := []string{`big.jsonl:17:21: n: "abc" is not an int`}
	if got := dataErrors(recs); !reflect.DeepEqual(got, want) || len(recs) != 17 {
		t.Errorf("%d records, data errors %q, want %q", len(recs), got, want)
	}
}

// TestInferredFieldsAreOptional: a field every sampled record had may be
// missing later without a data error.
func TestInferredFieldsAreOptional(t *testing.T) {
	recs := typedRead(t, "x.csv", "id,n\na,1\nb,2\nc,\n", CSV, Options{Infer: 2})
	if got := dataErrors(recs); len(got) != 0 || recs[1].Profile["n"] != 2 {
		t.Errorf("data errors %q, profile %v", got, recs[1].Profile)
	}
}

// TestRecordSchema: a typed record carries the schema it was typed by,
// given or inferred; one read as it is carries none.
func TestRecordSchema(t *testing.T) {
	s, err := schema.Parse("schema.yaml", []byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	data := "id,n\na,1\nb,2\n"
	for _, r := range typedRead(t, "x.csv", data, CSV, Options{Schema: s}) {
		if r.Schema != s {
			t.Errorf("line %d: typed by %p, want the given %p", r.Line, r.Schema, s)
		}
	}
	inferred := typedRead(t, "x.csv", data, CSV, Options{Infer: 10})
	if f := inferred[0].Schema.Lookup("n"); f == nil || f.Type.Kind != schema.Int || inferred[1].Schema != inferred[0].Schema {
		t.Errorf("inferred: %v, n is %+v", inferred[0].Schema, f)
	}
	for _, r := range typedRead(t, "x.csv", data, CSV, Options{}) {
		if r.Schema != nil {
			t.Errorf("untyped line %d has a schema", r.Line)
		}
	}
}
