package segment

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestAssignStableAndWeighted(t *testing.T) {
	e := Experiment{Name: "subject_test", Variants: []Variant{{"a", 1}, {"b", 3}}, Holdout: 0.2}
	counts := map[string]int{}
	const n = 20000
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("user%d@example.com", i)
		v := e.Assign(id)
		if again := e.Assign(id); again != v {
			t.Fatalf("%s: %s then %s", id, v, again)
		}
		counts[v]++
	}
	// Expected shares: holdout 0.2, a 0.2, b 0.6; 5 sigma of a binomial.
	for name, share := range map[string]float64{Holdout: 0.2, "a": 0.2, "b": 0.6} {
		want := share * n
		sigma := math.Sqrt(n * share * (1 - share))
		if got := float64(counts[name]); math.Abs(got-want) > 5*sigma {
			t.Errorf("%s: %v of %d, want about %v", name, got, n, want)
		}
	}
}

func TestAssignDependsOnExperimentName(t *testing.T) {
	a := Experiment{Name: "one", Variants: []Variant{{"x", 1}, {"y", 1}}}
	b := Experiment{Name: "two", Variants: a.Variants}
	differ := 0
	for i := 0; i < 1000; i++ {
		id := fmt.Sprint(i)
		if a.Assign(id) != b.Assign(id) {
			differ++
		}
	}
	if differ < 400 || differ > 600 {
		t.Errorf("%d of 1000 differ between two experiments; want about 500 (independent)", differ)
	}
}

func TestAssignEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		e    Experiment
		want string
	}{
		{"single variant", Experiment{Name: "e", Variants: []Variant{{"only", 1}}}, "only"},
		{"zero weight skipped", Experiment{Name: "e", Variants: []Variant{{"never", 0}, {"always", 2}}}, "always"},
		{"no variants", Experiment{Name: "e"}, Holdout},
		{"holdout 1 is invalid", Experiment{Name: "e", Variants: []Variant{{"a", 1}}, Holdout: 1}, Holdout},
	}
	for _, tt := range tests {
		for i := 0; i < 50; i++ {
			if got := tt.e.Assign(fmt.Sprint(i)); got != tt.want {
				t.Fatalf("%s: Assign(%d) = %s, want %s", tt.name, i, got, tt.want)
			}
		}
	}
}

func TestAssignKnownValues(t *testing.T) {
	// Pinned so that a change of hash (which would reshuffle live tests)
	// fails loudly.
	e := Experiment{Name: "hero", Variants: []Variant{{"a", 1}, {"b", 1}}, Holdout: 0.1}
	var got []string
	for _, id := range []string{"ana@example.com", "bo@example.com", "cy@example.com", "di@example.com", "ed@example.com", "fay@example.com", "gus@example.com"} {
		got = append(got, fmt.Sprintf("%.4f:%s", e.point(id), e.Assign(id)))
	}
	// Computed independently in Python: first 8 bytes of sha256("hero\x00id"), >>11, /2^53.
	want := "0.1049:a 0.4116:a 0.4925:a 0.4652:a 0.0736:holdout 0.5509:b 0.1087:a"
	if strings.Join(got, " ") != want {
		t.Errorf("assignments = %s\nwant          %s", strings.Join(got, " "), want)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		e    Experiment
		want string // "" means valid
	}{
		{"valid", Experiment{Name: "e", Variants: []Variant{{"a", 1}, {"b", 2}}, Holdout: 0.1}, ""},
		{"bad name", Experiment{Name: "my test", Variants: []Variant{{"a", 1}}}, "experiment name"},
		{"no variants", Experiment{Name: "e"}, "no variants"},
		{"duplicate", Experiment{Name: "e", Variants: []Variant{{"a", 1}, {"a", 1}}}, "duplicate variant"},
		{"holdout name", Experiment{Name: "e", Variants: []Variant{{"holdout", 1}}}, "not allowed"},
		{"negative weight", Experiment{Name: "e", Variants: []Variant{{"a", -1}, {"b", 1}}}, "weight -1"},
		{"zero sum", Experiment{Name: "e", Variants: []Variant{{"a", 0}}}, "sum to zero"},
		{"holdout too big", Experiment{Name: "e", Variants: []Variant{{"a", 1}}, Holdout: 1}, "holdout 1"},
		{"holdout negative", Experiment{Name: "e", Variants: []Variant{{"a", 1}}, Holdout: -0.1}, "holdout -0.1"},
	}
	for _, tt := range tests {
		err := tt.e.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestValidateExperimentsAndAssignAll(t *testing.T) {
	exps := []Experiment{
		{Name: "subject", Variants: []Variant{{"a", 1}}},
		{Name: "hero", Variants: []Variant{{"x", 1}}, Holdout: 0.5},
	}
	if err := ValidateExperiments(exps); err != nil {
		t.Fatal(err)
	}
	got := AssignAll(exps, "ana")
	if len(got) != 2 || got["subject"] != "a" || got["hero"] != exps[1].Assign("ana") {
		t.Errorf("AssignAll = %v", got)
	}
	dup := append(exps, Experiment{Name: "hero", Variants: []Variant{{"y", 1}}})
	if err := ValidateExperiments(dup); err == nil || !strings.Contains(err.Error(), "experiment hero: duplicate name") {
		t.Errorf("duplicate: err = %v", err)
	}
}
