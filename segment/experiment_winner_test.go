package segment

import (
	"strings"
	"testing"
)

func TestWinnerServesEveryone(t *testing.T) {
	e := Experiment{Name: "subject", Holdout: 0.2,
		Variants: []Variant{{Name: "a", Weight: 1}, {Name: "b", Weight: 1}}}
	seen := map[string]int{}
	for _, id := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"} {
		seen[e.Assign(id)]++
	}
	if len(seen) < 2 {
		t.Fatalf("before the winner, 20 recipients all got %v", seen)
	}
	e.Winner = "b"
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"} {
		if got := e.Assign(id); got != "b" {
			t.Errorf("Assign(%s) = %s after the winner b", id, got)
		}
	}
	e.Winner = "c"
	if err := e.Validate(); err == nil || !strings.Contains(err.Error(), `the winner "c" is none of its variants`) {
		t.Errorf("Validate with an unknown winner: %v", err)
	}
}
