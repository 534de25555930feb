package render

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestCheckMustache compares checkMustache with its definition: every
// match of \{\{[^{}]*\}\} (found as FindAllString finds them) must be an
// authors' tag, the first that is not is named, and there must be as
// many as strings.Count finds {{.
func TestCheckMustache(t *testing.T) {
	re := regexp.MustCompile(`\{\{[^{}]*\}\}`)
	reference := func(a *ampPart, out string) string {
		tags := re.FindAllString(out, -1)
		for _, tag := range tags {
			if !a.mustache[tag] {
				return fmt.Sprintf("the AMP part has amp-mustache syntax no template wrote: %.40q", tag)
			}
		}
		if len(tags) != strings.Count(out, "{{") {
			return "the AMP part has an unmatched {{ no template wrote"
		}
		return ""
	}
	a := &ampPart{mustache: map[string]bool{"{{a}}": true, "{{#b}}": true, "{{/b}}": true, "{{}}": true}}
	pieces := []string{"", "{", "}", "{{", "}}", "{{{", "a", "x", "{{a}}", "{{b}}", "#b", "\n", "é"}
	n := 0
	for _, p1 := range pieces {
		for _, p2 := range pieces {
			for _, p3 := range pieces {
				for _, p4 := range []string{"", "{{a}}", "}", "{{{a}}}", "{{", "z"} {
					out := p1 + p2 + p3 + p4
					if got, want := a.checkMustache(out), reference(a, out); got != want {
						t.Fatalf("checkMustache(%q) = %q, want %q", out, got, want)
					}
					n++
				}
			}
		}
	}
	if a.checkMustache("{{a}} {{b}}") == "" || a.checkMustache("{{a}}{{#b}}{{/b}}") != "" {
		t.Error("checkMustache misjudges a plain case")
	}
}
