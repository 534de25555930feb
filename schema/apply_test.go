package schema

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

const shopSchema = `fields:
  - {name: id, type: string}
  - {name: loyalty_points, type: int, optional: true}
  - {name: vip, type: bool, optional: true, default: false}
  - {name: address, type: object, optional: true}
  - {name: address.city, type: string}
  - {name: orders, type: list<object>, optional: true}
  - {name: orders.at, type: time}
  - {name: orders.total, type: decimal}
  - {name: tags, type: list<string>, optional: true, default: [new]}
`

func mustSchema(t *testing.T, src string) *Schema {
	t.Helper()
	s, err := Parse("schema.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func messages(errs []*Error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestApplyJSON(t *testing.T) {
	s := mustSchema(t, shopSchema)
	var p map[string]any
	json.Unmarshal([]byte(`{"id": "c-1", "loyalty_points": "abc", "extra": "kept", "address": {"city": "Leeds", "zip": "LS1"},
		"orders": [{"at": "2026-10-20", "total": 95.5}, {"at": "2026-10-21T10:00:00Z", "total": "x"}, null]}`), &p)
	errs := s.Apply(p)
	want := []string{
		`loyalty_points: "abc" is not an int`,
		`orders.1.total: "x" is not a decimal`,
		`orders.2: missing`,
	}
	if got := messages(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, ok := p["loyalty_points"]; ok {
		t.Error("the bad value is still in the profile")
	}
	if p["extra"] != "kept" || p["address"].(map[string]any)["zip"] != "LS1" {
		t.Errorf("undeclared fields changed: %v", p)
	}
	orders := p["orders"].([]any)
	if len(orders) != 2 || orders[0].(map[string]any)["total"] != 95.5 {
		t.Fatalf("orders = %v", orders)
	}
	if at := orders[0].(map[string]any)["at"].(time.Time); !at.Equal(time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("orders.0.at = %v", at)
	}
	if _, ok := orders[1].(map[string]any)["total"]; ok {
		t.Error("orders.1.total is still there")
	}
	if p["vip"] != false || !reflect.DeepEqual(p["tags"], []any{"new"}) {
		t.Errorf("defaults: vip %v, tags %v", p["vip"], p["tags"])
	}
	if errs[1].Key != "orders" || !reflect.DeepEqual(errs[1].Path, []string{"orders", "1", "total"}) {
		t.Errorf("orders.1.total: key %q, path %q", errs[1].Key, errs[1].Path)
	}
}

func TestApplyMissing(t *testing.T) {
	s := mustSchema(t, shopSchema)
	p := map[string]any{"id": "  ", "orders": []any{map[string]any{"total": 3.0}}}
	errs := s.Apply(p)
	want := []string{"id: missing", "orders.0.at: missing"}
	if got := messages(errs); !reflect.DeepEqual(got, want) {
		t.Errorf("errors %q, want %q", got, want)
	}
	if !errors.Is(errs[0], ErrMissing) {
		t.Error("a missing field's error is not ErrMissing")
	}
	// Blank is any white space, Unicode's too; text that starts with a
	// space is not blank.
	for v, blank := range map[string]bool{"": true, "\t\r\n ": true, "\u00a0\u2003": true, " x": false, "\u00a0x": false, "x ": false} {
		p := map[string]any{"id": v}
		if errs := s.Apply(p); (len(errs) > 0) != blank || blank == (p["id"] != nil) {
			t.Errorf("%q: blank is %v, got %q and %v", v, blank, messages(errs), p)
		}
	}
}

func TestDefaultsAreNotShared(t *testing.T) {
	s := mustSchema(t, shopSchema)
	a, b := map[string]any{"id": "a"}, map[string]any{"id": "b"}
	s.Apply(a)
	s.Apply(b)
	a["tags"].([]any)[0] = "changed"
	if b["tags"].([]any)[0] != "new" {
		t.Error("two profiles share a default's list")
	}
}

func TestApplyFlat(t *testing.T) {
	s := mustSchema(t, shopSchema)
	p := map[string]any{
		"id": "c-2", "loyalty_points": "1200", "vip": "yes", "note": "", "address.city": "York",
		"orders.0.at": "2026-10-20", "orders.0.total": "95.50",
		"orders.1.at": "", "orders.1.total": "",
		"orders.2.at": "2026-10-22 09:00", "orders.2.total": "abc",
		"tags": `["a", "b"]`, "unknown.x": "flat",
	}
	errs := s.ApplyFlat(p)
	want := []string{`orders.2.total: "abc" is not a decimal`}
	if got := messages(errs); !reflect.DeepEqual(got, want) {
		t.Fatalf("errors %q, want %q", got, want)
	}
	if errs[0].Key != "orders.2.total" {
		t.Errorf("key %q, want the column orders.2.total", errs[0].Key)
	}
	if p["loyalty_points"] != 1200 || p["vip"] != true || p["unknown.x"] != "flat" {
		t.Errorf("profile %v", p)
	}
	if _, ok := p["note"]; ok {
		t.Error("an empty cell is not missing")
	}
	if p["address"].(map[string]any)["city"] != "York" {
		t.Errorf("address = %v", p["address"])
	}
	orders := p["orders"].([]any)
	if len(orders) != 2 || orders[0].(map[string]any)["total"] != 95.5 || len(orders[1].(map[string]any)) != 1 {
		t.Errorf("orders = %v", orders)
	}
	if !reflect.DeepEqual(p["tags"], []any{"a", "b"}) {
		t.Errorf("tags = %v", p["tags"])
	}
}

func TestApplyFlatColumnsThatDoNotFit(t *testing.T) {
	s := mustSchema(t, shopSchema)
	p := map[string]any{"id": "x", "orders.first.total": "3", "address.city.name": "York", "orders": "not json"}
	errs := s.ApplyFlat(p)
	got := messages(errs)
	if len(got) != 4 || !strings.HasPrefix(got[0], "address.city.name: the column does not fit the schema") ||
		!strings.HasPrefix(got[1], "orders.first.total: the column does not fit") ||
		got[2] != "address.city: missing" || // the column that would give it does not fit
		got[3] != `orders: "not json" is not a list<object> (want a JSON array)` {
		t.Errorf("errors:\n%s", strings.Join(got, "\n"))
	}
}

func TestFieldCoerce(t *testing.T) {
	s := mustSchema(t, shopSchema)
	v, err := s.Lookup("loyalty_points").Coerce("abc")
	if v != nil || err == nil || err.Error() != `loyalty_points: "abc" is not an int` {
		t.Errorf("Coerce(abc) = %v, %v", v, err)
	}
	v, err = s.Lookup("orders.total").Coerce("12.30")
	if v != 12.3 || err != nil {
		t.Errorf("Coerce(12.30) = %v, %v", v, err)
	}
	if v, err = s.Lookup("id").Coerce(""); v != nil || !errors.Is(err, ErrMissing) {
		t.Errorf("Coerce of a missing required value = %v, %v", v, err)
	}
	if v, err = s.Lookup("vip").Coerce(nil); v != false || err != nil {
		t.Errorf("Coerce of a missing value with a default = %v, %v", v, err)
	}
	f := &Field{Name: "n", Type: Of(Int)}
	if v, err = f.Coerce("7"); v != 7 || err != nil {
		t.Errorf("a field outside a schema: Coerce = %v, %v", v, err)
	}
}

func TestErrorFormat(t *testing.T) {
	e := &Error{Source: "crm-export.csv", Line: 7, Col: 5, Field: "loyalty_points", Err: errors.New(`"abc" is not an int`)}
	if got := e.Error(); got != `crm-export.csv:7:5: loyalty_points: "abc" is not an int` {
		t.Error(got)
	}
	e.Col = 0
	if got := e.Error(); got != `crm-export.csv:7: loyalty_points: "abc" is not an int` {
		t.Error(got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"fields:\n  - {name: a, type: number}\n", `schema.yaml:2:21: field a: unknown type "number"`},
		{"fields:\n  - {name: a.b, type: int}\n", "schema.yaml:2:12: field a.b: declare a first, as an object or a list<object>"},
		{"fields:\n  - {name: a, type: int}\n  - {name: a.b, type: int}\n", "schema.yaml:3:12: field a.b: a is an int, which has no fields"},
		{"fields:\n  - {name: a, type: int}\n  - {name: a, type: string}\n", "schema.yaml:3:12: field a: declared twice"},
		{"fields:\n  - {name: a, type: int, default: abc}\n", `schema.yaml:2:35: field a: default: a: "abc" is not an int`},
		{"fields:\n  - {name: a, type: int, required: true}\n", "schema.yaml:2:26: unknown field \"required\""},
		{"fields:\n  - {name: a.0, type: int}\n", "schema.yaml:2:12: field \"a.0\": each step"},
		{"fields:\n  - {type: int}\n", "schema.yaml:2:5: a field needs a name"},
	}
	for _, tt := range tests {
		_, err := Parse("schema.yaml", []byte(tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}
