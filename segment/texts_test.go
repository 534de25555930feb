package segment

import (
	"slices"
	"testing"
)

// TestTexts: the rules' text constants, folded ones too, without the
// names of the fields, members and rules they read (a constant span of
// within is compiled away).
func TestTexts(t *testing.T) {
	r, err := Parse("segments.yaml", []byte(`segments:
  - {name: a, when: 'locale == "en-GB" and any(views, "premium" in .tags)'}
  - {name: b, when: 'segments.a or count(filter(orders, within(.at, "90d")), true) > 0 or tier == "gold"'}
scores:
  - name: s
    rules:
      - {when: 'country in ["FR", "DE"]', points: 1}
`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Texts(), []string{"DE", "FR", "en-GB", "gold", "premium"}; !slices.Equal(got, want) {
		t.Errorf("Texts() = %q, want %q", got, want)
	}
	var none *Rules
	if got := none.Texts(); len(got) != 0 {
		t.Errorf("nil rules: %q", got)
	}
}
