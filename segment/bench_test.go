package segment

import (
	"fmt"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// benchProfile is a profile with a realistic history for exampleRules.
func benchProfile(i int) Profile {
	var orders, emails []any
	for j := 0; j < 8; j++ {
		orders = append(orders, map[string]any{"at": ago(float64(j*15 + i%7)), "total": float64(40 + j*10)})
	}
	for j := 0; j < 10; j++ {
		emails = append(emails, map[string]any{"at": ago(float64(30 - j*3)), "opened": (i+j)%3 != 0})
	}
	return Profile{
		"email":             fmt.Sprintf("user%d@example.com", i),
		"first_name":        "Ana",
		"last_purchase_at":  ago(float64(i % 60)),
		"last_activity_at":  ago(float64(i % 120)),
		"orders":            orders,
		"emails":            emails,
		"views":             []any{map[string]any{"tags": []any{"shoes"}}, map[string]any{"tags": []any{"premium"}}},
		"churn_probability": 0.2,
	}
}

// BenchmarkEvaluate measures one recipient through the example-like rules
// (6 segments, 1 score with 3 rules and 3 tiers).
func BenchmarkEvaluate(b *testing.B) {
	r := mustParse(b, exampleRules)
	profiles := make([]Profile, 64)
	for i := range profiles {
		profiles[i] = benchProfile(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Evaluate(profiles[i%len(profiles)], now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConditionMatch measures one module when: condition.
func BenchmarkConditionMatch(b *testing.B) {
	c, err := CompileCondition(`segments.vip_now and tiers.engagement == "hot" and variants.hero == "b"`)
	if err != nil {
		b.Fatal(err)
	}
	env := Env{
		Profile:    benchProfile(1),
		Membership: Membership{Segments: map[string]bool{"vip_now": true}, Tiers: map[string]string{"engagement": "hot"}},
		Variants:   map[string]string{"hero": "b"},
		Now:        now,
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := c.Match(env); err != nil {
			b.Fatal(err)
		}
	}
}

// scalarRules are ten rules over plain fields, no collections.
const scalarRules = `segments:
  - {name: recent, when: "days_since(last_purchase_at) <= 30"}
  - {name: active, when: "days_since(last_activity_at) <= 14"}
  - {name: risky, when: "(churn_probability ?? 0) >= 0.7"}
  - {name: named, when: "first_name != nil and first_name != ''"}
  - {name: both, when: "segments.recent and segments.active"}
  - {name: lapsed, when: "not segments.recent and days_since(last_purchase_at) <= 365"}
scores:
  - name: engagement
    rules:
      - {when: "segments.recent", points: 10}
      - {when: "segments.active", points: 5}
      - {when: "days_since(last_activity_at) > 90", points: -3}
      - {when: "churn_probability < 0.2", points: 2}
    tiers: [{name: cold, min: -100}, {name: warm, min: 5}, {name: hot, min: 15}]
`

// BenchmarkEvaluateScalar measures ten rules over plain fields.
func BenchmarkEvaluateScalar(b *testing.B) {
	r := mustParse(b, scalarRules)
	profiles := make([]Profile, 64)
	for i := range profiles {
		profiles[i] = benchProfile(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Evaluate(profiles[i%len(profiles)], now); err != nil {
			b.Fatal(err)
		}
	}
}
