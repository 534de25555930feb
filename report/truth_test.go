package report_test

import (
	"math"
	"testing"

	"github.com/tailor-email/tailor/report"
	"github.com/tailor-email/tailor/report/synth"
)

// TestKnownTruth is the acceptance test: 200k sends where B clicks 10%
// more than A and "lapsed" engages half as much. The report finds B's
// lift with its sign, an interval covering the truth, names B the winner,
// and flags lapsed and no other segment.
func TestKnownTruth(t *testing.T) {
	cfg := synth.Default()
	rep, err := report.Build(cfg.Records(), report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Overall.Counts[report.Sent]; got != int64(cfg.Sends) {
		t.Fatalf("%d sends counted, want %d", got, cfg.Sends)
	}
	if len(rep.Experiments) != 1 {
		t.Fatalf("experiments: %+v", rep.Experiments)
	}
	e := rep.Experiments[0]
	if len(e.Comparisons) != 1 {
		t.Fatalf("comparisons: %+v", e.Comparisons)
	}
	c := e.Comparisons[0]
	t.Logf("B vs A: diff %.5f [%.5f, %.5f], lift %.4f [%.4f, %.4f], p %.3g, MDE %.4f; %s",
		c.Diff, c.DiffLo, c.DiffHi, c.Lift, c.LiftLo, c.LiftHi, c.P, c.MDERel, e.Verdict)
	if c.A != "A" || c.B != "B" || c.Diff <= 0 || c.Lift <= 0 {
		t.Errorf("B vs A has the wrong sign: %+v", c)
	}
	if !(c.LiftLo <= cfg.Lift && cfg.Lift <= c.LiftHi) {
		t.Errorf("lift interval [%.4f, %.4f] misses the true %.2f", c.LiftLo, c.LiftHi, cfg.Lift)
	}
	truth := cfg.ClickRate("B") - cfg.ClickRate("A")
	if !(c.DiffLo <= truth && truth <= c.DiffHi) {
		t.Errorf("difference interval [%.5f, %.5f] misses the true %.5f", c.DiffLo, c.DiffHi, truth)
	}
	for _, v := range []string{"A", "B"} {
		r := c.RateA
		if v == "B" {
			r = c.RateB
		}
		if want := cfg.ClickRate(v); !(r.Lo <= want && want <= r.Hi) {
			t.Errorf("%s's click rate interval [%.5f, %.5f] misses the true %.5f", v, r.Lo, r.Hi, want)
		}
	}
	if e.Winner != "B" || !c.Significant || !c.Powered || e.Suggestion != "tailor experiments conclude subject_line --winner B" {
		t.Errorf("winner %q (significant %v, powered %v), want B: %s", e.Winner, c.Significant, c.Powered, e.Verdict)
	}
	if len(rep.Flags) != 1 || rep.Flags[0].Segment != "lapsed" {
		t.Errorf("flagged %+v, want exactly lapsed", rep.Flags)
	}
	if rep.Tested != len(cfg.Segments)+1 { // and (none)
		t.Errorf("tested %d segments, want %d", rep.Tested, len(cfg.Segments)+1)
	}
}

// TestMachineOpensExcluded: the open rate counts human opens only, so it
// estimates the true open rate although a third of the sends were also
// opened by a privacy proxy.
func TestMachineOpensExcluded(t *testing.T) {
	cfg := synth.Default()
	cfg.Sends = 50_000
	rep, err := report.Build(cfg.Records(), report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	open := rep.Overall.Rate(report.Open)
	want := cfg.Open * (1 - cfg.Bounce) * (1 - cfg.Share*(1-cfg.Weak))
	if !(open.Lo <= want && want <= open.Hi) {
		t.Errorf("open rate [%.4f, %.4f] misses the human open rate %.4f", open.Lo, open.Hi, want)
	}
	if m := rep.Overall.Counts[report.MachineOpened]; math.Abs(float64(m)/float64(cfg.Sends)-cfg.Machine*(1-cfg.Bounce)*(1-want)) > 0.02 {
		t.Errorf("%d machine-only opens of %d sends", m, cfg.Sends)
	}
}
