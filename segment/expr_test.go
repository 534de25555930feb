package segment

import (
	"strings"
	"testing"
	"time"
)

func TestNilSafety(t *testing.T) {
	tests := []struct {
		when string
		want bool
	}{
		{"missing > 0", false},
		{"missing <= 0", false},
		{"(missing ?? 0) <= 0", true},
		{"missing == nil", true},
		{"missing.deep.field == nil", true},
		{"profile.missing.x == nil", true},
		{"count(missing, .x) == 0", true},
		{"all(missing, .opened)", true},
		{"any(missing, .opened)", false},
		{"len(last(missing, 5)) == 0", true},
		{"days_since(missing) <= 30", false},
		{"days_since(missing) > 30", false}, // unknown, not long ago
		{"(days_since(missing) ?? 1e9) > 30", true},
		{"hours_since(missing) >= 0", false},
		{"within(missing, \"30d\")", false},
		{"not within(missing, \"30d\")", true},
		{"within(missing, '30d')", false},
		{"missing", false},
		{"not segments.nobody", true},
		{"not missing", true},
		{"missing or profile.missing or true", true},
		{"missing and true", false},
	}
	for _, tt := range tests {
		c, err := CompileCondition(tt.when)
		if err != nil {
			t.Fatalf("%s: %v", tt.when, err)
		}
		got, err := c.Match(Env{Profile: Profile{}, Now: now})
		if err != nil || got != tt.want {
			t.Errorf("%s = %v (%v), want %v", tt.when, got, err, tt.want)
		}
	}
}

func TestHelpers(t *testing.T) {
	p := Profile{
		"at":     "2026-03-30T12:00:00Z",
		"day":    "2026-03-24",
		"ts":     float64(now.Add(-48 * time.Hour).Unix()),
		"events": []any{1.0, 2.0, 3.0, 4.0, 5.0, 6.0},
		"bad":    "yesterday",
		"nested": map[string]any{"tier": "gold"},
		"shadow": "x",
		"span":   "8d",
		"_id":    "u1",
	}
	tests := []struct {
		when string
		want bool
	}{
		{"hours_since(at) == 24", true},
		{"days_since(at) == 1", true},
		{"days_since(day) == 7.5", true},
		{"days_since(ts) == 2", true},
		{"within(at, '1d') and within(at, '24h') and not within(at, '23h')", true},
		{"within(day, '1w')", false},
		{"within(day, '2w')", true},
		{"within(day, span)", true},
		{"within(day, '7d') or within(day, '7.4d')", false},
		{"within(day, '7.5d')", true},
		{"last(events, 2) == [5.0, 6.0]", true},
		{"last(events, 10) == events", true},
		{"last(events) == 6.0", true},
		{"sum(last(events, 3)) == 15", true},
		{"nested.tier == 'gold' and profile.nested.tier == 'gold'", true},
		{"now.Year() == 2026", true},
		{"let xs = events; len(xs) == 6 and last(xs) == 6.0", true},
		{"_id == 'u1' and profile._id == 'u1'", true},
		{"at < '2026-03-31'", true},
	}
	for _, tt := range tests {
		c, err := CompileCondition(tt.when)
		if err != nil {
			t.Fatalf("%s: %v", tt.when, err)
		}
		got, err := c.Match(Env{Profile: p, Now: now})
		if err != nil || got != tt.want {
			t.Errorf("%s = %v (%v), want %v", tt.when, got, err, tt.want)
		}
	}
	c, _ := CompileCondition("days_since(bad) < 3")
	if _, err := c.Match(Env{Profile: p, Now: now}); err == nil || !strings.Contains(err.Error(), `"yesterday" is not a date`) {
		t.Errorf("bad date: err = %v", err)
	}
}

func TestConditionEnv(t *testing.T) {
	env := Env{
		Profile:    Profile{"segments": "shadowed field", "first_name": "Ana"},
		Membership: Membership{Segments: map[string]bool{"loyal": true}, Scores: map[string]int{"e": 7}, Tiers: map[string]string{"e": "warm"}},
		Variants:   map[string]string{"subject_test": "b"},
		Now:        now,
	}
	for _, tt := range []struct {
		when string
		want bool
	}{
		{"segments.loyal and scores.e == 7 and tiers.e == 'warm'", true},
		{"variants.subject_test == 'b'", true},
		{"variants.other == ''", true},
		{"profile.segments == 'shadowed field' and first_name == 'Ana'", true},
		{"segments.loyal and variants.subject_test == 'a'", false},
	} {
		c, err := CompileCondition(tt.when)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := c.Match(env); err != nil || got != tt.want {
			t.Errorf("%s = %v (%v), want %v", tt.when, got, err, tt.want)
		}
	}
	var none *Condition
	if ok, err := none.Match(env); !ok || err != nil {
		t.Errorf("nil condition: %v %v, want true", ok, err)
	}
}

func TestNilBuiltins(t *testing.T) {
	for _, tt := range []struct {
		when string
		want bool
	}{
		{"first(missing) > 1", false},
		{"find(xs, # > 5) > 1", false},
		{"count(xs, # > 1) > 1", true},
		{"last(xs) >= 3", true},
	} {
		c, err := CompileCondition(tt.when)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Match(Env{Profile: Profile{"xs": []any{1.0, 2.0, 3.0}}, Now: now})
		if err != nil || got != tt.want {
			t.Errorf("%s = %v (%v), want %v", tt.when, got, err, tt.want)
		}
	}
}
