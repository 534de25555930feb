package validator

import (
	"fmt"
	"testing"
)

// TestPrefilterAgreesWithRegex checks that the literal prefilter never
// hides a match: every value gets the same answer with and without it.
func TestPrefilterAgreesWithRegex(t *testing.T) {
	exprs := []string{
		"__amp_source_origin|(.|\\s){{|}}(.|\\s)|^{{.*[^}][^}]$|^[^{][^{].*}}$|^}}|{{$|{{#|{{/|{{\\^",
		"(^|\\s)(__amp_\\S*|AMP|i-amphtml-\\S*|(webkit|ms|moz|o)dropzone)(\\s|$)",
		"!\\s*important",
		"(?i)javascript:",
		"a+b",
	}
	values := []string{"", "x", "{{a}}", "a{{b", "{{#x}}", "__amp_source_origin", "AMP", "i-amphtml-x",
		"mozdropzone", "red !important", "JavaScript:x", "aab", "ok value", "}} ", " {{"}
	for _, e := range exprs {
		p := newPrefiltered(e)
		for _, v := range values {
			if got, want := p.MatchString(v), p.re.MatchString(v); got != want {
				t.Errorf("%s on %q: prefiltered %v, regex %v (literals %q)", e, v, got, want, p.lits)
			}
		}
	}
	if p := newPrefiltered(exprs[0]); p.lits == nil {
		t.Errorf("mustache pattern should have literals")
	} else {
		t.Log(fmt.Sprint(p.lits))
	}
}
