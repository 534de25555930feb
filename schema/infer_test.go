package schema

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func inferCSV(t *testing.T, header string, rows ...string) *Inferred {
	t.Helper()
	in := &Inferrer{IDField: "id"}
	keys := strings.Split(header, ",")
	for i, r := range rows {
		cells := strings.Split(r, ",")
		p := map[string]any{}
		for j, k := range keys {
			p[k] = cells[j]
		}
		in.Add(p, keys, true, fmt.Sprintf("x.csv:%d", i+2))
	}
	got, err := in.Infer()
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestInferTypes(t *testing.T) {
	got := inferCSV(t, "id,points,vip,flag,price,zip,joined,seen,name,code,score",
		"1001,1200,yes,1,9.5,02134,2026-10-20,2026-10-20T14:12:00Z,Ana,A1,0.5",
		"1002,,no,0,10,10001,2026-10-21,2026-10-21,Ben,B2,1",
		"1003,7,Y,1,-3,94103,2026-10-22,2026-10-22 09:00,Chloé,C3,x",
	)
	want := map[string]string{
		"id":     "string: the recipient ID (id_field), always a string",
		"points": "int: all 2 values are whole numbers; missing in 1 of 3 records",
		"vip":    "bool: all 3 values are yes or no (or true or false)",
		"flag":   "int: all 3 values are whole numbers",
		"price":  "float: all 3 values are numbers (declare money as decimal)",
		"zip":    "string: 2 of 3 values (66%) are whole numbers, not \"02134\" (x.csv:2)",
		"joined": "date: all 3 values are dates (YYYY-MM-DD)",
		"seen":   "time: all 3 values are times",
		"name":   "string: all 3 values are text",
		"code":   "string: all 3 values are text",
		"score":  "string: 2 of 3 values (66%) are numbers (declare money as decimal), not \"x\" (x.csv:4)",
	}
	if !reflect.DeepEqual(got.Reasons, want) {
		for k, v := range got.Reasons {
			if want[k] != v {
				t.Errorf("%s: %s\n   want %s", k, v, want[k])
			}
		}
	}
	if f := got.Schema.Lookup("points"); !f.Optional || got.Schema.Lookup("vip").Optional {
		t.Error("optional should be set for points only")
	}
}

func TestInferNested(t *testing.T) {
	in := &Inferrer{IDField: "id"}
	in.Add(map[string]any{"id": "a", "orders": `[{"at":"2026-10-20","total":95.5},{"at":"2026-10-21T10:00:00Z","total":84}]`,
		"nbp.name": "Gloves", "cart.0.price": "120", "cart.1.price": "25", "emails": "[]"}, []string{"id", "orders", "nbp.name", "cart.0.price", "cart.1.price", "emails"}, true, "x.csv:2")
	in.Add(map[string]any{"id": "b", "orders": "", "nbp.name": "", "cart.0.price": "3", "cart.1.price": "", "emails": "[]"}, []string{"id", "orders", "nbp.name", "cart.0.price", "cart.1.price", "emails"}, true, "x.csv:3")
	got, err := in.Infer()
	if err != nil {
		t.Fatal(err)
	}
	out := string(Format(got.Schema, "", nil))
	want := `fields:
  - {name: id, type: string}
  - {name: orders, type: list<object>, optional: true}
  - {name: orders.at, type: time}
  - {name: orders.total, type: float}
  - {name: nbp, type: object, optional: true}
  - {name: nbp.name, type: string}
  - {name: cart, type: list<object>}
  - {name: cart.price, type: int}
  - {name: emails, type: list<string>}
`
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if r := got.Reasons["emails"]; r != "list<string>: every list is empty" {
		t.Errorf("emails: %s", r)
	}
}

func TestFormatReadsBack(t *testing.T) {
	s := mustSchema(t, shopSchema+"  - {name: \"first name\", type: string, optional: true, description: \"Given name: as typed\"}\n  - {name: \"yes\", type: date, optional: true, default: 2026-01-01}\n")
	b := Format(s, "a schema\nfor tests", map[string]string{"id": "the ID"})
	back, err := Parse("schema.yaml", b)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if again := Format(back, "a schema\nfor tests", map[string]string{"id": "the ID"}); string(again) != string(b) {
		t.Errorf("not the same schema:\n%s\n%s", b, again)
	}
	if !strings.HasPrefix(string(b), "# a schema\n# for tests\nfields:\n  # the ID\n  - {name: id, type: string}\n") {
		t.Errorf("%s", b)
	}
}

// TestInferTypedValues: values typed already (a profile typed once, then
// changed) infer as their type.
func TestInferTypedValues(t *testing.T) {
	in := &Inferrer{}
	day := time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC)
	in.Add(map[string]any{"n": 60, "f": 60, "d": day, "t": day.Add(time.Hour)}, nil, false, "a")
	in.Add(map[string]any{"n": "7", "f": "42.5", "d": "2026-10-21", "t": "2026-10-21"}, nil, false, "b")
	got, err := in.Infer()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"n": "int", "f": "float", "d": "date", "t": "time"} {
		if typ := got.Schema.Lookup(name).Type.String(); typ != want {
			t.Errorf("%s: %s, want %s", name, typ, want)
		}
	}
}

// TestInferMixedKinds: a field whose JSON values are numbers and text is
// left as read, not made text.
func TestInferMixedKinds(t *testing.T) {
	in := &Inferrer{}
	in.Add(map[string]any{"churn_risk": "high"}, nil, false, "a:1")
	in.Add(map[string]any{"churn_risk": 0.9}, nil, false, "a:2")
	got, err := in.Infer()
	if err != nil {
		t.Fatal(err)
	}
	if got.Schema.Lookup("churn_risk") != nil || len(got.Left) != 1 || !strings.HasPrefix(got.Left[0], "churn_risk: its values are of several kinds") {
		t.Errorf("left %q, fields %v", got.Left, got.Schema.Fields)
	}
}

// TestInferIntsAreCodesSometimes: a + sign, a leading zero or more than 15
// digits make a number a code (text or float), not an int.
func TestInferIntsAreCodesSometimes(t *testing.T) {
	got := inferCSV(t, "id,plus,long,zero", "1,+7,1234567890123456,007", "2,8,1,8")
	for name, want := range map[string]string{"plus": "float", "long": "float", "zero": "string"} {
		if typ := got.Schema.Lookup(name).Type.String(); typ != want {
			t.Errorf("%s: %s (%s), want %s", name, typ, got.Reasons[name], want)
		}
	}
}
