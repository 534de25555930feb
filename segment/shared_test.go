package segment

import (
	"reflect"
	"testing"
)

// TestSharedConditions checks that a condition used twice shares one
// result slot, that one reading other rules never does, and that sharing
// changes no result: the segment that reads an earlier segment still sees
// it, and a failing condition fails every rule that uses it.
func TestSharedConditions(t *testing.T) {
	r := mustParse(t, `
segments:
  - name: recent
    when: days_since(last_order_at) <= 30
  - name: recent_again
    when: "  days_since(last_order_at) <= 30 "
  - name: vip
    when: segments.recent and spend >= 100
  - name: big
    when: spend >= 100
  - name: broken
    when: int(code) > 1
scores:
  - name: engagement
    rules:
      - {when: "days_since(last_order_at) <= 30", points: 10}
      - {when: "spend >= 100", points: 5}
      - {when: "segments.recent and spend >= 100", points: 1}
      - {when: "int(code) > 1", points: 2}
`)
	var got []int
	for _, s := range r.segments {
		got = append(got, s.shared)
	}
	for _, pr := range r.scores[0].Rules {
		got = append(got, pr.shared)
	}
	want := []int{0, 0, -1, 1, 2, 0, 1, -1, 2}
	if !reflect.DeepEqual(got, want) || r.nshared != 3 {
		t.Fatalf("shared slots %v (%d), want %v (3)", got, r.nshared, want)
	}
	m, err := r.Evaluate(Profile{"last_order_at": ago(3), "spend": 150.0, "code": "x"}, now)
	if err == nil {
		t.Fatal("int(\"x\") did not fail")
	}
	wantSeg := map[string]bool{"recent": true, "recent_again": true, "vip": true, "big": true, "broken": false}
	if !reflect.DeepEqual(m.Segments, wantSeg) || m.Scores["engagement"] != 16 {
		t.Errorf("segments %v, score %d; want %v, 16", m.Segments, m.Scores["engagement"], wantSeg)
	}
	if n := len(splitErrors(err)); n != 2 {
		t.Errorf("%d errors, want 2 (the segment and the score rule): %v", n, err)
	}
}

func splitErrors(err error) []error {
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		return u.Unwrap()
	}
	return []error{err}
}
