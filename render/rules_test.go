package render

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/segment"
)

// TestRuleErrors checks what a rule that cannot evaluate does: by default
// it does not match, as in tailor segments, and the message says why;
// with StrictRules the recipient fails.
func TestRuleErrors(t *testing.T) {
	c := mustLoad(t, smallWorkspace())
	p := segment.Profile{"id": "a", "name": "Ann", "spent": "lots"} // vip: spent >= 100
	m, err := c.Render(context.Background(), Request{Email: "hello", Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(m.Segments, "vip") || m.Modules["hero"] != "hero/default" {
		t.Errorf("segments %v, modules %v: the failing rule matched", m.Segments, m.Modules)
	}
	if len(m.RuleErrors) != 1 || !strings.Contains(m.RuleErrors[0], "segments.yaml:3:") || !strings.Contains(m.RuleErrors[0], "segment vip") {
		t.Errorf("rule errors %q, want the vip rule's, at its place", m.RuleErrors)
	}
	_, err = c.Render(context.Background(), Request{Email: "hello", Profile: p, StrictRules: true})
	if err == nil || !strings.Contains(err.Error(), "segment vip") {
		t.Errorf("strict: err = %v, want the vip rule's error", err)
	}
	m, err = c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"id": "b", "spent": 150.0}, StrictRules: true})
	if err != nil || len(m.RuleErrors) != 0 || !slices.Contains(m.Segments, "vip") {
		t.Errorf("a profile whose rules evaluate: %v, %v", m, err)
	}
}
