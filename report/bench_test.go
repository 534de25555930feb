package report_test

import (
	"testing"

	"github.com/tailor-email/tailor/report"
	"github.com/tailor-email/tailor/report/synth"
)

// BenchmarkBuild aggregates the 200k-send known-truth data set, its
// generation included (BenchmarkGenerate alone, to subtract).
func BenchmarkBuild(b *testing.B) {
	cfg := synth.Default()
	for b.Loop() {
		if _, err := report.Build(cfg.Records(), report.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerate draws the 200k-send data set and drops it.
func BenchmarkGenerate(b *testing.B) {
	cfg := synth.Default()
	for b.Loop() {
		for _, err := range cfg.Records() {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
