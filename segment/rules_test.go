package segment

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// exampleRules mirrors the built-in example's rules.
const exampleRules = `segments:
  - name: recent_purchaser
    description: Bought in the last 30 days
    when: days_since(last_purchase_at) <= 30
  - name: high_value
    when: sum(filter(orders, days_since(.at) <= 90), .total) >= 500
  - name: premium_viewer
    when: any(views, "premium" in .tags)
  - name: loyal_reader
    when: len(emails) >= 5 and all(last(emails, 5), .opened)
  - name: vip_now
    description: high-value, recent, premium viewer, opened the last 5 emails
    when: segments.high_value and segments.recent_purchaser and segments.premium_viewer and segments.loyal_reader
  - name: hot
    when: tiers.engagement == "hot"
scores:
  - name: engagement
    rules:
      - {when: "days_since(last_purchase_at) <= 30", points: 10}
      - {when: "count(emails, .opened and within(.at, '30d')) > 0", points: 5}
      - {when: "days_since(last_activity_at) > 90", points: -3}
    tiers:
      - {name: cold, min: -100}
      - {name: warm, min: 5}
      - {name: hot, min: 15}
`

var now = time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)

// ago is the RFC 3339 time d days before now.
func ago(days float64) string {
	return now.Add(-time.Duration(days * 24 * float64(time.Hour))).Format(time.RFC3339)
}

func mustParse(t testing.TB, src string) *Rules {
	t.Helper()
	r, err := Parse("segments.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRecencyBoundaries(t *testing.T) {
	r := mustParse(t, exampleRules)
	tests := []struct {
		days float64
		want bool
	}{
		{29, true}, {30, true}, {30.01, false}, {31, false},
	}
	for _, tt := range tests {
		m, err := r.Evaluate(Profile{"last_purchase_at": ago(tt.days)}, now)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Segments["recent_purchaser"]; got != tt.want {
			t.Errorf("%v days ago: recent_purchaser = %v, want %v", tt.days, got, tt.want)
		}
		wantPts := map[bool]int{true: 10, false: 0}[tt.want] // no last_activity_at: unknown, so not -3 as inactive
		if got := m.Scores["engagement"]; got != wantPts {
			t.Errorf("%v days ago: engagement = %d, want %d", tt.days, got, wantPts)
		}
	}
}

func TestDateOnlyBoundaries(t *testing.T) {
	r := mustParse(t, "segments:\n  - {name: s, when: 'days_since(d) <= 30'}\n")
	midnight := time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		date string
		want bool
	}{{"2026-03-02", true}, {"2026-03-01", true}, {"2026-02-28", false}} {
		m, err := r.Evaluate(Profile{"d": tt.date}, midnight)
		if err != nil || m.Segments["s"] != tt.want {
			t.Errorf("%s: s = %v (%v), want %v", tt.date, m.Segments["s"], err, tt.want)
		}
	}
}

func TestTierThresholds(t *testing.T) {
	src := `scores:
  - name: e
    rules:
      - {when: "true", points: 1}
      - {when: "n >= 1", points: 4}
      - {when: "n >= 2", points: 10}
    tiers:
      - {name: warm, min: 5}
      - {name: hot, min: 15}
`
	r := mustParse(t, src)
	tests := []struct {
		n      float64
		points int
		tier   string
	}{
		{0, 1, ""},     // below every threshold
		{1, 5, "warm"}, // exactly at warm
		{2, 15, "hot"}, // exactly at hot
		{-1, 1, ""},
	}
	for _, tt := range tests {
		m, err := r.Evaluate(Profile{"n": tt.n}, now)
		if err != nil {
			t.Fatal(err)
		}
		if m.Scores["e"] != tt.points || m.Tiers["e"] != tt.tier {
			t.Errorf("n=%v: got %d/%q, want %d/%q", tt.n, m.Scores["e"], m.Tiers["e"], tt.points, tt.tier)
		}
	}
}

func TestOneEventChangesTier(t *testing.T) {
	r := mustParse(t, exampleRules)
	p := Profile{"last_purchase_at": ago(10), "last_activity_at": ago(1)}
	before, err := r.Evaluate(p, now)
	if err != nil {
		t.Fatal(err)
	}
	p["emails"] = []any{map[string]any{"at": ago(2), "opened": true}}
	after, err := r.Evaluate(p, now)
	if err != nil {
		t.Fatal(err)
	}
	if before.Scores["engagement"] != 10 || before.Tiers["engagement"] != "warm" {
		t.Errorf("before: %d/%s, want 10/warm", before.Scores["engagement"], before.Tiers["engagement"])
	}
	if after.Scores["engagement"] != 15 || after.Tiers["engagement"] != "hot" || !after.Segments["hot"] {
		t.Errorf("after one open: %+v, want 15/hot and in segment hot", after)
	}
}

func TestSeedSegment(t *testing.T) {
	r := mustParse(t, exampleRules)
	opened := func(n int, last bool) []any {
		var out []any
		for i := 0; i < n; i++ {
			out = append(out, map[string]any{"at": ago(float64(n - i)), "opened": i < n-1 || last})
		}
		return out
	}
	vip := func() Profile {
		return Profile{
			"last_purchase_at": ago(3),
			"orders":           []any{map[string]any{"at": ago(3), "total": 300.0}, map[string]any{"at": ago(80), "total": 200.0}},
			"views":            []any{map[string]any{"sku": "a", "tags": []any{"premium", "shoes"}}},
			"emails":           opened(6, true),
		}
	}
	tests := []struct {
		name   string
		change func(Profile)
		want   bool
	}{
		{"all conditions", func(Profile) {}, true},
		{"spend 499.99", func(p Profile) { p["orders"].([]any)[1].(map[string]any)["total"] = 199.99 }, false},
		{"old order outside 90 days", func(p Profile) { p["orders"].([]any)[1].(map[string]any)["at"] = ago(91) }, false},
		{"purchase 31 days ago", func(p Profile) { p["last_purchase_at"] = ago(31) }, false},
		{"no premium view", func(p Profile) { p["views"] = []any{map[string]any{"tags": []any{"sale"}}} }, false},
		{"last email unopened", func(p Profile) { p["emails"] = opened(6, false) }, false},
		{"only 4 emails", func(p Profile) { p["emails"] = opened(4, true) }, false},
		{"no data at all", func(p Profile) { clear(p) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := vip()
			tt.change(p)
			m, err := r.Evaluate(p, now)
			if err != nil {
				t.Fatal(err)
			}
			if m.Segments["vip_now"] != tt.want {
				t.Errorf("vip_now = %v, want %v (%v)", m.Segments["vip_now"], tt.want, m.Segments)
			}
		})
	}
}

func TestConditionErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"a +", "1:3: unexpected token EOF"},
		{"a and (b", "1:8: unexpected token EOF"},
		{"1 + 2", "1:1: expression is int, not a boolean"},
		{"days_since()", "1:1: "},
	} {
		_, err := CompileCondition(tt.src)
		var ee *ExprError
		if !errors.As(err, &ee) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want prefix %q", tt.src, err, tt.want)
		}
	}
	c, err := CompileCondition("segments.a or segments.b and x")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Segments(), ","); got != "a,b" {
		t.Errorf("Segments() = %s, want a,b", got)
	}
}

func TestEvaluateOrderAndFields(t *testing.T) {
	r := mustParse(t, exampleRules)
	want := "recent_purchaser,high_value,premium_viewer,loyal_reader,vip_now,hot"
	if got := strings.Join(r.Segments(), ","); got != want {
		t.Errorf("Segments() = %s, want %s", got, want)
	}
	if got := strings.Join(r.Fields(), ","); got != "emails,last_activity_at,last_purchase_at,orders,views" {
		t.Errorf("Fields() = %s", got)
	}
	m, err := r.Evaluate(Profile{}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Segments) != 6 || len(m.Scores) != 1 || len(m.Tiers) != 1 {
		t.Errorf("every segment and score must be present: %+v", m)
	}
	var empty *Rules
	if m, err := empty.Evaluate(Profile{}, now); err != nil || len(m.Segments) != 0 || m.Scores == nil {
		t.Errorf("nil rules: %+v %v", m, err)
	}
}

func TestRuntimeErrorNamesRule(t *testing.T) {
	r := mustParse(t, "segments:\n  - name: a\n    when: days_since(d) < 3\n  - name: b\n    when: 'true'\n")
	m, err := r.Evaluate(Profile{"d": "soon"}, now)
	if err == nil || !strings.HasPrefix(err.Error(), "segments.yaml:3:11: segment a: ") {
		t.Errorf("err = %v", err)
	}
	if m.Segments["a"] || !m.Segments["b"] {
		t.Errorf("a failed rule is false and the rest goes on: %v", m.Segments)
	}
}

func TestExplain(t *testing.T) {
	r := mustParse(t, exampleRules)
	ex, err := r.Explain(Profile{"last_purchase_at": ago(2), "last_activity_at": ago(200)}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Segments) != 6 || len(ex.Scores) != 1 || len(ex.Scores[0].Rules) != 3 {
		t.Fatalf("trace sizes: %+v", ex)
	}
	sc := ex.Scores[0]
	if sc.Points != 7 || sc.Tier != "warm" || !sc.Rules[0].Matched || sc.Rules[1].Matched || !sc.Rules[2].Matched {
		t.Errorf("score trace: %+v", sc)
	}
	// hot reads tiers.engagement, so the score is evaluated before it.
	if ex.Segments[5].Rule.Name != "hot" || ex.Membership.Tiers["engagement"] != "warm" {
		t.Errorf("order: %+v", ex.Segments)
	}
}

func TestRuleFields(t *testing.T) {
	r := mustParse(t, exampleRules)
	if got := strings.Join(r.SegmentRules()[1].Fields(), ","); got != "orders" {
		t.Errorf("high_value fields = %s", got)
	}
	if got := r.SegmentRules()[4].Fields(); len(got) != 0 {
		t.Errorf("vip_now reads only segments, got fields %v", got)
	}
	if got := strings.Join(r.Scores()[0].Rules[1].Fields(), ","); got != "emails" {
		t.Errorf("score rule fields = %s", got)
	}
}

func TestEvaluateConcurrent(t *testing.T) {
	r := mustParse(t, exampleRules)
	profiles := make([]Profile, 32)
	want := make([]Membership, len(profiles))
	for i := range profiles {
		profiles[i] = benchProfile(i)
		want[i], _ = r.Evaluate(profiles[i], now)
	}
	errs := make(chan string, 8*len(profiles))
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			for i, p := range profiles {
				got, err := r.Evaluate(p, now)
				if err != nil || fmt.Sprint(got) != fmt.Sprint(want[i]) {
					errs <- fmt.Sprintf("profile %d: %v (%v), want %v", i, got, err, want[i])
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestRuleUses(t *testing.T) {
	r := mustParse(t, exampleRules)
	got := strings.Join(r.SegmentRules()[4].Uses(), ",")
	if got != "segments.high_value,segments.loyal_reader,segments.premium_viewer,segments.recent_purchaser" {
		t.Errorf("vip_now uses %s", got)
	}
	if got := strings.Join(r.SegmentRules()[5].Uses(), ","); got != "tiers.engagement" {
		t.Errorf("hot uses %s", got)
	}
}

func TestHasSegment(t *testing.T) {
	r := mustParse(t, exampleRules)
	c, err := CompileCondition("segments.vip_now or segments.vipnow")
	if err != nil {
		t.Fatal(err)
	}
	var unknown []string
	for _, s := range c.Segments() {
		if !r.HasSegment(s) {
			unknown = append(unknown, s)
		}
	}
	if strings.Join(unknown, ",") != "vipnow" {
		t.Errorf("unknown = %v, want [vipnow]", unknown)
	}
	var none *Rules
	if none.HasSegment("x") {
		t.Error("nil rules have no segments")
	}
}
