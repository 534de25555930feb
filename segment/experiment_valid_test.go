package segment

import (
	"fmt"
	"strings"
	"testing"
)

// TestValidateAllowsAPausedArm: a variant of weight 0 beside positive ones
// is valid (it gets no recipient), and no recipient is assigned to it.
func TestValidateAllowsAPausedArm(t *testing.T) {
	e := Experiment{Name: "e", Variants: []Variant{{"paused", 0}, {"a", 1}, {"b", 1}, {"off", 0}}}
	if err := e.Validate(); err != nil {
		t.Fatalf("a zero weight beside positive ones: %v", err)
	}
	for i := range 2000 {
		if v := e.Assign(fmt.Sprint("r", i)); v != "a" && v != "b" {
			t.Fatalf("assigned %q", v)
		}
	}
}

// TestValidateSaysWhatIsWrong: an experiment without variants is reported
// as that alone, not also as weights summing to zero.
func TestValidateSaysWhatIsWrong(t *testing.T) {
	if err := (Experiment{Name: "e"}).Validate(); err == nil || err.Error() != "experiment e: no variants" {
		t.Errorf("no variants: %v", err)
	}
	for _, v := range []Variant{{"", 1}, {Holdout, 1}} {
		e := Experiment{Name: "e", Variants: []Variant{v}}
		if err := e.Validate(); err == nil || !strings.Contains(err.Error(), "is not allowed") {
			t.Errorf("variant name %q: %v", v.Name, err)
		}
	}
}

// TestValidateExperimentsReportsEachInvalidOne: one invalid experiment
// among valid ones fails the set, naming it.
func TestValidateExperimentsReportsEachInvalidOne(t *testing.T) {
	exps := []Experiment{
		{Name: "ok", Variants: []Variant{{"a", 1}}},
		{Name: "bad", Variants: []Variant{{"a", 1}}, Holdout: 2},
	}
	if err := ValidateExperiments(exps); err == nil || !strings.Contains(err.Error(), "experiment bad: holdout 2") {
		t.Errorf("err = %v", err)
	}
}
