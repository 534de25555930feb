package message

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/tailor-email/tailor/render"
)

// sample is a message with every field set.
func sample() *render.Message {
	return &render.Message{
		ID: "c-1", Template: "newsletter", From: "Shop <hello@shop.example>", To: "Ana <ana@example.com>",
		Subject: "Hi Ana", Preheader: "New", HTML: "<p>Hi</p>", Text: "Hi", AMP: "<html ⚡4email>",
		AMPDropped: "", Segments: []string{"loyal"}, Scores: map[string]int{"engagement": 7},
		Tiers: map[string]string{"engagement": "hot"}, Modules: map[string]string{"hero": "hero/a"},
		Variants: map[string]string{"subject_line": "b"}, Unsubscribe: "https://shop.example/u/c-1",
		RuleErrors: []string{"segments.yaml:3:5: vip: no field spend"},
		DataErrors: []string{`crm.csv:7:5: loyalty_points: "abc" is not an int`},
		Date:       time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC),
	}
}

// TestLineHoldsDesignsFields: a JSONL line has DESIGN's fields and no
// others; the API's message (Of) adds scores, tiers and unsubscribe.
func TestLineHoldsDesignsFields(t *testing.T) {
	keys := func(j JSON) []string {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(AppendJSONL(nil, &j), &m); err != nil {
			t.Fatal(err)
		}
		var out []string
		for k := range m {
			out = append(out, k)
		}
		return out
	}
	m := sample()
	design := []string{"id", "template", "to", "subject", "preheader", "html", "text", "amp", "segments", "modules", "variants", "message_id", "rule_errors", "data_errors"}
	api := append(design, "scores", "tiers", "unsubscribe")
	for _, tt := range []struct {
		name string
		j    JSON
		want []string
	}{{"Line", Line(m), design}, {"Of", Of(m), api}} {
		if got := keys(tt.j); !sameSet(got, tt.want) {
			t.Errorf("%s: fields %v, want %v", tt.name, got, tt.want)
		}
	}
	var back JSON
	j := Of(m)
	if err := json.Unmarshal(AppendJSONL(nil, &j), &back); err != nil || !reflect.DeepEqual(back, j) {
		t.Errorf("Of read back as %+v (%v), want %+v", back, err, j)
	}
	if got := keys(Failed("c-2", "newsletter", "boom")); !sameSet(got, []string{"id", "template", "to", "subject", "preheader", "html", "text", "amp", "segments", "modules", "variants", "error"}) {
		t.Errorf("Failed: fields %v", got)
	}
}

// TestLineSegmentsNeverNull: a message without segments gets [] in its
// line, as scripts reading it expect a list.
func TestLineSegmentsNeverNull(t *testing.T) {
	m := sample()
	m.Segments = nil
	j := Line(m)
	if got := AppendJSONL(nil, &j); !bytes.Contains(got, []byte(`"segments":[]`)) {
		t.Errorf("line %s, want segments []", got)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	in := map[string]bool{}
	for _, s := range a {
		in[s] = true
	}
	for _, s := range b {
		if !in[s] {
			return false
		}
	}
	return true
}
