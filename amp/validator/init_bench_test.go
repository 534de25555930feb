package validator

import "testing"

// BenchmarkBuildRules measures the one-time preparation of the rules (the
// first Validate call, and every run of the CLI, pays it).
func BenchmarkBuildRules(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buildRules()
	}
}
