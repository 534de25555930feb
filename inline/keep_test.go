package inline

import "testing"

// TestKeepSelector holds which selectors stay in the head: pseudo-classes
// of state (by name, by a name that begins with one, a vendor's), legacy
// pseudo-elements, client hacks; and which are inlined, among them a
// colon inside a quoted attribute value, which names no pseudo-class.
func TestKeepSelector(t *testing.T) {
	for sel, want := range map[string]bool{
		"a:hover":                 true,
		"A:HOVER":                 true,
		"a:focus-visible":         true,
		"input:placeholder-shown": true,
		"input::placeholder":      true,
		"input:-webkit-autofill":  true,
		"p::-moz-selection":       true,
		"p:first-letter":          true,
		":root":                   true,
		"u + .body .x":            true,
		"u~div .x":                true,
		"[data-ogsc] .dark":       true,
		".ExternalClass p":        true,
		"a":                       false,
		"p:first-child":           false,
		"li:nth-child(2n+1)":      false,
		"a:not(.x)":               false,
		`a[title=":hover"]`:       false,
		"ul + .body":              false,
		".u + .body":              false,
		"p:-1":                    false,
	} {
		if got := keepSelector(sel); got != want {
			t.Errorf("keepSelector(%q) = %v, want %v", sel, got, want)
		}
	}
}
