package check

import (
	"testing"
)

// target is a measured link of w x h px to href.
func target(at int, href string, w, h float64) measure {
	m := measure{At: at, Tag: "a", W: w, H: h}
	m.Target = &struct {
		Href       string `json:"href"`
		Standalone bool   `json:"standalone"`
	}{href, true}
	return m
}

// TestTapTargetRule: a standalone link under 44 x 44 px at phone widths
// is a finding, unless a large enough target goes to the same href; at
// 600 px nothing is.
func TestTapTargetRule(t *testing.T) {
	l := &layout{InnerWidth: 375, ScrollWidth: 375, Els: []measure{
		target(10, "https://e.example/p", 260, 325), // a product picture
		target(20, "https://e.example/p", 80, 18),   // its name: same href
		target(30, "https://e.example/q", 120, 18),  // alone: too small
		target(40, "https://e.example/r", 120, 44),  // large enough
	}}
	var got []int
	for _, o := range judgeOne(Viewport{375, false}, l, 0) {
		if o.rule == "browser/tap-target" {
			got = append(got, o.at)
		}
	}
	if len(got) != 1 || got[0] != 30 {
		t.Errorf("tap targets at %v, want [30]", got)
	}
	for _, o := range judgeOne(Viewport{600, false}, l, 0) {
		if o.rule == "browser/tap-target" {
			t.Errorf("tap target at 600 px: %+v", o)
		}
	}
}
