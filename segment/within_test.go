package segment

import (
	"testing"
	"time"
)

// TestWithinIncludesItsBound: within(x, "30d") holds for an x exactly 30
// days before now and not a second earlier, whether the span is written
// in the rule or read from the profile, and inside a predicate too.
func TestWithinIncludesItsBound(t *testing.T) {
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) string { return now.Add(-d).Format(time.RFC3339) }
	for _, tt := range []struct {
		name string
		x    string
		want bool
	}{
		{"exactly the span", at(30 * 24 * time.Hour), true},
		{"a second less", at(30*24*time.Hour - time.Second), true},
		{"a second more", at(30*24*time.Hour + time.Second), false},
	} {
		p := Profile{"x": tt.x, "span": "30d", "hours": "720h", "orders": []any{map[string]any{"at": tt.x}}}
		for _, when := range []string{
			"within(x, '30d')", "within(x, '720h')", "within(x, span)", "within(x, hours)",
			"any(orders, within(.at, '30d'))", "any(orders, within(.at, span))",
		} {
			c, err := CompileCondition(when)
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if got, err := c.Match(Env{Profile: p, Now: now}); err != nil || got != tt.want {
				t.Errorf("%s, %s: %s = %v (%v), want %v", tt.name, tt.x, when, got, err, tt.want)
			}
		}
	}
}
