package report_test

import (
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"testing"

	"github.com/tailor-email/tailor/report"
	"github.com/tailor-email/tailor/report/synth"
)

// TestAANoWinner: on 100 seeded A/A splits (B clicks exactly as A does)
// the report names no winner in at least 95. Each run is large enough to
// be powered for the 10% minimum effect, so "no winner" comes from the
// test, not from the power rule.
func TestAANoWinner(t *testing.T) {
	winners := 0
	for seed := uint64(1); seed <= 100; seed++ {
		cfg := synth.Default()
		cfg.Seed, cfg.Sends, cfg.Lift = seed, 8000, 0
		cfg.Open, cfg.Click, cfg.Weak = 0.6, 0.6, 1
		rep, err := report.Build(cfg.Records(), report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		e := rep.Experiments[0]
		c := e.Comparisons[0]
		if !c.Powered {
			t.Fatalf("seed %d: underpowered (MDE %.3f): the run is too small to test the rule", seed, c.MDERel)
		}
		if e.Winner != "" {
			winners++
			t.Logf("seed %d: %s (p %.4f)", seed, e.Verdict, c.P)
		}
	}
	t.Logf("%d of 100 A/A runs named a winner", winners)
	if winners > 5 {
		t.Errorf("%d of 100 A/A runs named a winner, want at most 5", winners)
	}
}
