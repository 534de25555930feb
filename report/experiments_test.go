package report

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/store"
)

// arms makes sends of experiment "exp": per variant, n sends of which
// clicks were clicked by a human.
func arms(n map[string]int, clicks map[string]int) []Record {
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var recs []Record
	for v, count := range n {
		for i := range count {
			r := Record{Send: store.Send{At: at, Variants: map[string]string{"exp": v}}}
			if i < clicks[v] {
				r.Outcomes = []store.Outcome{{Kind: store.Clicked, At: at}}
			}
			recs = append(recs, r)
		}
	}
	return recs
}

func buildArms(t *testing.T, recs []Record, opt Options) ExperimentResult {
	t.Helper()
	rep, err := Build(Records(recs), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Experiments) != 1 {
		t.Fatalf("experiments: %+v", rep.Experiments)
	}
	return rep.Experiments[0]
}

// TestHoldoutNotCompared: the holdout is shown, after the variants in
// tailor.yaml's order, but takes part in no comparison.
func TestHoldoutNotCompared(t *testing.T) {
	exp := segment.Experiment{Name: "exp", Variants: []segment.Variant{{Name: "z", Weight: 1}, {Name: "a", Weight: 1}}}
	e := buildArms(t, arms(map[string]int{"a": 1000, "z": 1000, "holdout": 1000}, map[string]int{"a": 100, "z": 100, "holdout": 10}),
		Options{Experiments: []segment.Experiment{exp}})
	var names []string
	for _, a := range e.Arms {
		names = append(names, a.Name)
	}
	if strings.Join(names, " ") != "z a holdout" {
		t.Errorf("arms %v, want z a holdout", names)
	}
	if len(e.Comparisons) != 1 || e.Comparisons[0].A != "z" || e.Comparisons[0].B != "a" {
		t.Errorf("comparisons %+v, want a vs z only", e.Comparisons)
	}
}

// TestUnderpoweredNoWinner: a significant lead is no winner while the
// test cannot detect the minimum effect.
func TestUnderpoweredNoWinner(t *testing.T) {
	recs := arms(map[string]int{"a": 2000, "b": 2000}, map[string]int{"a": 100, "b": 160})
	e := buildArms(t, recs, Options{MinEffect: 0.05})
	c := e.Comparisons[0]
	if !c.Significant || c.Powered || e.Winner != "" || e.Suggestion != "" || !strings.HasPrefix(e.Verdict, "no winner yet: b leads significantly but the test is underpowered") {
		t.Errorf("verdict %q, comparison %+v", e.Verdict, c)
	}
	if len(e.Warnings) == 0 || !strings.HasPrefix(e.Warnings[0], "underpowered: b vs a detects a relative difference of") {
		t.Errorf("warnings %q", e.Warnings)
	}
	e = buildArms(t, recs, Options{MinEffect: 0.5})
	if e.Winner != "b" {
		t.Errorf("with a 50%% minimum effect: %q", e.Verdict)
	}
}

// TestPeeking: each look with new data counts; the p-value is multiplied
// by the looks, and the report warns.
func TestPeeking(t *testing.T) {
	l, err := ParseLooks(nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	if l.Look("exp", 100, now) != 1 || l.Look("exp", 100, now) != 1 || l.Look("exp", 200, now) != 2 {
		t.Errorf("looks: %+v", l)
	}
	b, err := l.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if l, err = ParseLooks(b); err != nil || len(l.Experiments["exp"]) != 2 {
		t.Fatalf("read back %+v, %v", l, err)
	}
	recs := arms(map[string]int{"a": 5000, "b": 5000}, map[string]int{"a": 500, "b": 560})
	one := buildArms(t, recs, Options{})
	three := buildArms(t, recs, Options{Looks: func(string, int64) int { return 3 }})
	p := one.Comparisons[0].P
	if got := three.Comparisons[0].PAdj; math.Abs(got-min(1, 3*p)) > 1e-12 {
		t.Errorf("adjusted p after 3 looks %v, want 3 x %v", got, p)
	}
	if !strings.Contains(strings.Join(three.Warnings, "\n"), "peeked at: looked at 3 times") {
		t.Errorf("warnings %q", three.Warnings)
	}
}

// TestConcludedVerdict: an experiment whose winner tailor.yaml records is
// reported as concluded, not as a suggestion.
func TestConcludedVerdict(t *testing.T) {
	exp := segment.Experiment{Name: "exp", Winner: "b", Variants: []segment.Variant{{Name: "a", Weight: 1}, {Name: "b", Weight: 1}}}
	e := buildArms(t, arms(map[string]int{"a": 5000, "b": 5000}, map[string]int{"a": 500, "b": 700}), Options{Experiments: []segment.Experiment{exp}})
	if e.Winner != "" || e.Verdict != "concluded: b serves everyone" {
		t.Errorf("winner %q, verdict %q", e.Winner, e.Verdict)
	}
}

// TestHolmOverTheReport: the comparisons of every experiment are one
// family: with two experiments of one comparison each, the smaller
// p-value is doubled.
func TestHolmOverTheReport(t *testing.T) {
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var recs []Record
	for i := range 4000 {
		r := Record{Send: store.Send{At: at, Variants: map[string]string{"one": []string{"a", "b"}[i%2], "two": []string{"a", "b"}[i/2%2]}}}
		if (i%2 == 1 && i%7 < 2) || i%9 == 0 {
			r.Outcomes = []store.Outcome{{Kind: store.Clicked, At: at}}
		}
		recs = append(recs, r)
	}
	rep, err := Build(Records(recs), Options{})
	if err != nil {
		t.Fatal(err)
	}
	one, two := rep.Experiments[0].Comparisons[0], rep.Experiments[1].Comparisons[0]
	lo, hi := one, two
	if two.P < one.P {
		lo, hi = two, one
	}
	if math.Abs(lo.PAdj-min(1, 2*lo.P)) > 1e-12 || math.Abs(hi.PAdj-max(hi.P, lo.PAdj)) > 1e-12 {
		t.Errorf("adjusted %v and %v of %v and %v", lo.PAdj, hi.PAdj, lo.P, hi.P)
	}
}

// TestMetricOption: experiments are decided on the metric the options
// name: b's extra clicks decide nothing when the metric is conversion.
func TestMetricOption(t *testing.T) {
	recs := arms(map[string]int{"a": 5000, "b": 5000}, map[string]int{"a": 500, "b": 700})
	if e := buildArms(t, recs, Options{MinEffect: 0.5}); e.Winner != "b" {
		t.Fatalf("on clicks: %q", e.Verdict)
	}
	e := buildArms(t, recs, Options{Metric: Conversion, MinEffect: 0.5})
	if c := e.Comparisons[0]; e.Metric != Conversion || c.RateB.Count != 0 || e.Winner != "" {
		t.Errorf("on conversions: metric %s, b's count %d, verdict %q", e.Metric, c.RateB.Count, e.Verdict)
	}
}
