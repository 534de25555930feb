package audience

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
)

// TestMissing: a recipient is counted in a segment only when a stand-in
// for a missing field its rule reads (through the segments and scores it
// uses too) takes them out; a stand-in that makes the rule fail is not
// counted, and a rule whose value the field does not change is not either.
func TestMissing(t *testing.T) {
	rules, err := segment.Parse("segments.yaml", []byte(`segments:
  - {name: dormant, when: "days_since(seen) > 90"}
  - {name: lapsed, when: "(days_since(seen) ?? 1e9) > 90"}
  - {name: lapsed_gold, when: "segments.lapsed and tier == nil"}
  - {name: anyone, when: "seen == nil or true"}
  - {name: strict_text, when: "code == nil or upper(code) == 'X'"}
  - {name: warm, when: "tiers.engagement == 'warm'"}
scores:
  - name: engagement
    rules:
      - {when: "points == nil", points: 5}
    tiers:
      - {name: warm, min: 5}
`))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	standIns := map[string][]any{
		"seen":   {now, now.AddDate(-1, 0, 0)},
		"tier":   {"gold"},
		"code":   {1.0}, // upper(1) fails: not counted
		"points": {0.0},
	}
	sec := Missing(rules, now, func(f string) []any { return standIns[f] })
	for i, p := range []segment.Profile{
		{},                                      // in lapsed, lapsed_gold (seen, tier), anyone, strict_text, warm (points)
		{"seen": now, "tier": 1, "points": 3.0}, // recent: in anyone, strict_text (code is missing, but upper fails on the stand-in)
		{"seen": now.AddDate(-2, 0, 0), "tier": "x", "code": "x", "points": 3.0}, // lapsed by its date: not counted
	} {
		m, err := rules.Evaluate(p, now)
		if !m.Segments["strict_text"] || !m.Segments["anyone"] {
			t.Fatalf("r%d is not in strict_text and anyone: %v", i, m.Segments)
		}
		sec.Add(Recipient{ID: fmt.Sprint("r", i), Profile: p, Membership: m, Err: err})
	}
	var b strings.Builder
	if err := sec.Write(&b); err != nil {
		t.Fatal(err)
	}
	want := `in a segment only because of a missing value (out of it with the field present):
  lapsed           1   33.3%  missing seen 1 (r0)
  lapsed_gold      1   33.3%  missing seen 1, tier 1 (r0)
  warm             1   33.3%  missing points 1 (r0)
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestReportDataErrors: the standard report counts the recipients with
// data errors and lists the first errors with their IDs.
func TestReportDataErrors(t *testing.T) {
	rules, err := segment.Parse("segments.yaml", []byte("segments:\n  - {name: a, when: \"n > 1\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	rep := New(rules)
	bad := &schema.Error{Source: "x.csv", Line: 3, Col: 5, Field: "n", Value: "abc", Err: errors.New(`"abc" is not an int`)}
	for i, errs := range [][]*schema.Error{nil, {bad}} {
		rep.Add(Recipient{ID: fmt.Sprint("r", i), Profile: segment.Profile{}, DataErrors: errs})
	}
	var b strings.Builder
	if err := rep.Write(&b); err != nil {
		t.Fatal(err)
	}
	if want := "\ndata errors: 1 recipients (values left out as missing; --strict fails them)\n  r1: x.csv:3:5: n: \"abc\" is not an int\n"; !strings.Contains(b.String(), want) {
		t.Errorf("no %q in\n%s", want, b.String())
	}
}
