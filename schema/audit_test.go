package schema

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

const auditSchema = `fields:
  - {name: id, type: string}
  - {name: points, type: int, optional: true}
  - {name: seen, type: date, optional: true}
  - {name: tags, type: list<string>, optional: true}
  - {name: orders, type: list<object>, optional: true}
  - {name: orders.total, type: decimal}
`

// audited types each JSON profile as a reader would and audits it.
func audited(t *testing.T, profiles ...map[string]any) (*Audit, string) {
	t.Helper()
	s, err := Parse("schema.yaml", []byte(auditSchema))
	if err != nil {
		t.Fatal(err)
	}
	a := NewAudit(s)
	for i, p := range profiles {
		errs := s.Apply(p)
		for _, e := range errs {
			e.Source, e.Line = "x.jsonl", i+1
		}
		a.Add(p, errs)
	}
	var b strings.Builder
	if err := a.Write(&b); err != nil {
		t.Fatal(err)
	}
	return a, b.String()
}

// row finds a field's line of the table.
func row(t *testing.T, out, field string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(field) + ` .*$`).FindString(out)
	if m == "" {
		t.Fatalf("no row for %s in\n%s", field, out)
	}
	return strings.Join(strings.Fields(m), " ")
}

// TestAuditCounts: an invalid value counts as invalid, not missing; an
// invalid element of a list leaves the list present; a dotted field
// counts once per object; errors are kept as examples at their place.
func TestAuditCounts(t *testing.T) {
	a, out := audited(t,
		map[string]any{"id": "a", "points": "12", "seen": "2026-01-02", "tags": []any{"x", map[string]any{}}, "orders": []any{map[string]any{"total": 9.5}, map[string]any{"total": "1,2"}}},
		map[string]any{"id": "b", "points": "abc", "tags": []any{"y"}, "orders": []any{map[string]any{"total": 120.0}}},
		map[string]any{"id": "c", "points": 7.0, "seen": "2025-05-05", "extra": "q"},
		map[string]any{"points": nil},
	)
	for field, want := range map[string]string{
		"id":           "id string 3 1 0 3 distinct",
		"points":       "points int 2 1 1 7 .. 12",
		"seen":         "seen date 2 2 0 2025-05-05 .. 2026-01-02",
		"tags":         "tags list<string> 2 2 1 1 .. 1 elements",
		"orders":       "orders list<object> 2 2 0 1 .. 2 elements",
		"orders.total": "orders.total decimal 2 0 1 9.5 .. 120",
		"extra":        "extra undeclared 1 3 0 1 distinct",
	} {
		if got := row(t, out, field); got != want {
			t.Errorf("%s: %q, want %q", field, got, want)
		}
	}
	if a.Errors() != 4 || a.Profiles() != 4 {
		t.Errorf("%d errors in %d profiles", a.Errors(), a.Profiles())
	}
	for _, want := range []string{
		"  x.jsonl:1: tags.1: {} is not a string",
		"  x.jsonl:1: orders.1.total: \"1,2\" is not a decimal",
		"  x.jsonl:2: points: \"abc\" is not an int",
		"  x.jsonl:4: id: missing",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

// TestAuditValues: few distinct values are listed by count; many are
// only counted, past maxDistinct without keeping them; a dotted field's
// times print as dates for a date.
func TestAuditValues(t *testing.T) {
	var ps []map[string]any
	for i := range 30 {
		ps = append(ps, map[string]any{"id": fmt.Sprint("r", i), "tags": []any{"t"}, "flag": []string{"yes", "no", "yes"}[i%3]})
	}
	a, out := audited(t, ps...)
	if got := row(t, out, "id"); got != "id string 30 0 0 more than 8 distinct" {
		t.Error(got)
	}
	if got := row(t, out, "flag"); got != `flag undeclared 30 0 0 "yes" 20, "no" 10` {
		t.Error(got)
	}
	if n := len(a.byName["id"].distinct); n != 0 {
		t.Errorf("kept %d values past the bound", n)
	}
	if !strings.Contains(out, "data errors: none\n") {
		t.Error(out)
	}
}

// TestAuditUndeclaredBound: at most maxUndeclared undeclared fields are
// tallied.
func TestAuditUndeclaredBound(t *testing.T) {
	a := NewAudit(nil)
	for i := range 100 {
		a.Add(map[string]any{fmt.Sprint("f", i): 1.0, "id": "x"}, nil)
	}
	if len(a.tallies) != maxUndeclared {
		t.Errorf("%d fields tallied", len(a.tallies))
	}
	if id := a.byName["id"]; id == nil || id.present != 100 || id.absent != 0 {
		t.Errorf("id: %+v", id)
	}
	if f := a.byName["f1"]; f == nil || f.present != 1 || f.absent != 99 {
		t.Errorf("f1: %+v", f)
	}
}

// TestStandIns: each type's stand-ins reach both sides of a threshold;
// lists and objects are built from their elements' and fields'.
func TestStandIns(t *testing.T) {
	s, err := Parse("schema.yaml", []byte(auditSchema+"  - {name: at, type: time, optional: true}\n  - {name: ok, type: bool, optional: true}\n"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	texts := []string{"gold"}
	for name, want := range map[string]string{
		"points": "[-1000000000 0 1000000000]",
		"ok":     "[false true]",
		"seen":   "[2026-11-02 00:00:00 +0000 UTC 1926-11-02 00:00:00 +0000 UTC]",
		"at":     "[2026-11-02 09:00:00 +0000 UTC 1926-11-02 09:00:00 +0000 UTC]",
		"id":     "[gold - 2026-11-02T09:00:00Z 1926-11-02T09:00:00Z]",
		"tags":   "[[] [gold] [-] [2026-11-02T09:00:00Z] [1926-11-02T09:00:00Z]]",
		"orders": "[[] [map[total:-1e+09]] [map[total:0]] [map[total:1e+09]]]",
	} {
		if got := fmt.Sprint(s.Lookup(name).StandIns(now, texts)); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
	var none *Field
	if got := none.StandIns(now, nil); len(got) != 11 || fmt.Sprint(got[len(got)-1]) != "[]" {
		t.Errorf("undeclared: %v", got)
	}
	many := make([]string, 40)
	for i := range many {
		many[i] = fmt.Sprint(i)
	}
	if got := s.Lookup("id").StandIns(now, many); len(got) != maxStandIns {
		t.Errorf("%d stand-ins", len(got))
	}
}
