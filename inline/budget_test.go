package inline

import (
	"errors"
	"strings"
	"testing"
)

func TestWorkBounds(t *testing.T) {
	page := func(n int) string {
		return "<html><head></head><body>" + strings.Repeat(`<p class="x">x</p>`, n) + "</body></html>"
	}
	rules := func(n int, sel string) string { return strings.Repeat(sel+" { color: red }\n", n) }
	for _, tc := range []struct {
		name, doc, css, want string
	}{
		{"rules", page(1), rules(MaxRules+1, ".y"), "5001 rules (one per selector), over the bound of 5000"},
		{"rules times elements", page(1500), rules(3000, ".y"), "3000 rules for 1503 elements, 4509000 tests, over the bound of 4194304"},
		{"selected", page(2000), rules(200, ".x"), "the rules select elements more than 250000 times in all (200 rules for 2003 elements)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Document(tc.doc, WithCSS("s.css", tc.css))
			if !errors.Is(err, ErrTooMuch) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrTooMuch with %q", err, tc.want)
			}
		})
	}
	// Just within every bound.
	if _, err := Document(page(1000), WithCSS("s.css", rules(120, ".x")+rules(3000, ".y"))); err != nil {
		t.Fatal(err)
	}
}
