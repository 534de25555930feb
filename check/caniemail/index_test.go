package caniemail

import "testing"

func TestIndexLookup(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind Kind
		name string
		want string // slug, "" for no feature
	}{
		{Property, "margin", "css-margin"},
		{Property, "margin-left", "css-margin"},
		{Property, "border-top-color", "css-border"},
		{Property, "word-break", "css-word-break"},
		{Property, "gap", "css-gap"},
		{Property, "row-gap", "css-gap"},
		{Property, "left", "css-left-right-top-bottom"},
		{Property, "block-size", "css-block-inline-size"},
		{Property, "height", "css-height"},
		{Property, "font", "css-font"},
		{Property, "color-scheme", "css-color-scheme"},
		{Property, "column-count", "css-column-count"},
		{Property, "column-rule", "css-column-layout-properties"},
		{Property, "overflow-inline", "css-overflow"},
		{Property, "display", "css-display"},
		{Property, "color", ""},
		{Declaration, "display:flex", "css-display-flex"},
		{Declaration, "flex-direction:column", "css-flex-direction"},
		{Declaration, "flex-wrap:wrap", "css-flex-wrap"},
		{Function, "calc", "css-unit-calc"},
		{Function, "linear-gradient", "css-linear-gradient"},
		{Function, "rgba", "css-rgba"},
		{Function, "oklch", "css-modern-color"},
		{Function, "light-dark", "css-function-light-dark"},
		{Unit, "px", "css-unit-px"},
		{Unit, "%", "css-unit-percent"},
		{Keyword, "initial", "css-unit-initial"},
		{Keyword, "system-ui", "css-sytem-ui"},
		{Keyword, "fit-content", "css-intrinsic-size"},
		{AtRule, "media", "css-at-media"},
		{AtRule, "font-face", "css-at-font-face"},
		{MediaFeature, "prefers-color-scheme", "css-at-media-prefers-color-scheme"},
		{MediaFeature, "any-hover", "css-at-media-hover"},
		{MediaFeature, "-webkit-device-pixel-ratio", "css-at-media-device-pixel-ratio"},
		{PseudoClass, "hover", "css-pseudo-class-hover"},
		{PseudoClass, "lang", "css-pseudo-class-lang"},
		{PseudoElement, "before", "css-pseudo-element-before"},
		{Selector, "child", "css-selector-child"},
		{Element, "table", "html-table"},
		{Element, "h3", "html-h1-h6"},
		{Element, "dd", "html-lists"},
		{Element, "article", "html-semantics"},
		{Element, "address", "html-address"},
		{Element, "svg", "html-svg"},
		{Element, "map", "html-image-maps"},
		{Element, "font", ""},
		{Element, "button", ""},
		{Element, "text", ""},
		{Attribute, "usemap", "html-image-maps"},
		{Attribute, "sizes", "html-srcset"},
		{Attribute, "loading", "html-loading-attribute"},
		{Attribute, "inert", "css-inert-attribute"},
		{Attribute, "bgcolor", ""},
		{InputType, "input/checkbox", "html-input-checkbox"},
		{InputType, "button/submit", "html-button-submit"},
		{ImageFormat, "png", "image-png"},
		{ImageFormat, "jpeg", "image-jpg"},
		{ImageFormat, "apng", "image-apng"},
		{ImageFormat, "img", ""},
		{ImageFormat, "image", ""},
	}
	for _, tt := range tests {
		got := ""
		if f := d.Index().Lookup(tt.kind, tt.name); f != nil {
			got = f.Slug
		}
		if got != tt.want {
			t.Errorf("Lookup(%d, %q) = %q, want %q", tt.kind, tt.name, got, tt.want)
		}
	}
}

// TestIndexCoversFeatures checks that every feature is reachable: either
// some name maps to it, or the check package detects it by behaviour.
func TestIndexCoversFeatures(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	reached := map[string]bool{}
	for _, m := range d.Index().names {
		for _, f := range m {
			reached[f.Slug] = true
		}
	}
	for _, f := range d.Features {
		if !reached[f.Slug] && !IsSpecial(f.Slug) {
			t.Errorf("feature %s (%q) has no name in the index", f.Slug, f.Title)
		}
	}
}

func TestStatus(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	f := d.Feature("css-display-flex")
	tests := []struct {
		client, code string
		notes        int
	}{
		{"outlook.windows", "n", 0},
		{"gmail.ios", "a", 1},
		{"apple-mail.macos", "y", 0},
		{"no.such", "", 0},
	}
	for _, tt := range tests {
		code, notes := f.Status(tt.client)
		if code != tt.code || len(notes) != tt.notes {
			t.Errorf("Status(%s) = %q, %q; want %q with %d notes", tt.client, code, notes, tt.code, tt.notes)
		}
	}
}

func TestResolveClients(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.ResolveClients(nil)
	if err != nil || len(got) != len(DefaultClients) {
		t.Fatalf("ResolveClients(nil) = %v, %v", got, err)
	}
	for _, c := range DefaultClients {
		if d.ClientName(c) == c {
			t.Errorf("default client %s is not in the data", c)
		}
	}
	if _, err := d.ResolveClients([]string{"gmail.ios", "hotmail"}); err == nil {
		t.Error("unknown client accepted")
	}
}
