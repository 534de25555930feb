package templates

import (
	"strings"
	"testing"

	"github.com/tailor-email/tailor/internal/source"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		src  string
		want []string // actions, in order
	}{
		{`<p>Hi {{ .Profile.name }}</p>`, []string{`{{ .Profile.name }}`}},
		{`{{ "}}" }}x{{- .a -}}`, []string{`{{ "}}" }}`, `{{- .a -}}`}},
		{"{{/* a }} comment */}}{{ `raw }}` }}", []string{"{{/* a }} comment */}}", "{{ `raw }}` }}"}},
		{`{{ printf "%q" "\"}}" }}`, []string{`{{ printf "%q" "\"}}" }}`}},
		{`no actions`, nil},
	}
	for _, tt := range tests {
		pieces, err := Split(tt.src, source.Pos{File: "f", Line: 1, Col: 1})
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		var got []string
		for _, p := range pieces {
			if p.Action {
				got = append(got, p.Text)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Split(%q) actions = %q, want %q", tt.src, got, tt.want)
		}
		if Join(pieces) != tt.src {
			t.Errorf("Join(Split(%q)) = %q", tt.src, Join(pieces))
		}
	}
}

func TestSplitPositions(t *testing.T) {
	pieces, err := Split("<p>\n  é {{ .a }}\n{{ .b }}", source.Pos{File: "m.md", Line: 5, Col: 1})
	if err != nil {
		t.Fatal(err)
	}
	var pos []string
	for _, p := range pieces {
		if p.Action {
			pos = append(pos, p.Pos.String())
		}
	}
	if want := "m.md:6:5 m.md:7:1"; strings.Join(pos, " ") != want {
		t.Errorf("positions = %v, want %s", pos, want)
	}
}

func TestSplitErrors(t *testing.T) {
	for _, src := range []string{"{{ .a ", `{{ "abc }}`, "{{/* never closed }}"} {
		if _, err := Split(src, source.Pos{File: "f", Line: 1, Col: 1}); err == nil {
			t.Errorf("Split(%q) succeeded, want an error", src)
		}
	}
}

func TestClassifyActions(t *testing.T) {
	for _, tt := range []struct {
		action       string
		call, prints bool
		slot         string
	}{
		{`{{ template "header" . }}`, true, true, ""},
		{`{{ template "header" .Profile }}`, false, true, ""},
		{`{{ .Slots.hero }}`, false, true, "hero"},
		{`{{- .Slots.hero -}}`, false, true, "hero"},
		{`{{ .Slots.hero | printf "%s" }}`, false, true, ""},
		{`{{ if .Segments.loyal }}`, false, false, ""},
		{`{{ end }}`, false, false, ""},
		{`{{ $x := 1 }}`, false, false, ""},
		{`{{/* note */}}`, false, false, ""},
	} {
		p := Piece{Text: tt.action, Action: true}
		if _, ok := TemplateCall(p); ok != tt.call {
			t.Errorf("TemplateCall(%s) = %v", tt.action, ok)
		}
		if got := Prints(p); got != tt.prints {
			t.Errorf("Prints(%s) = %v", tt.action, got)
		}
		if got, _ := FieldRef(p, "Slots"); got != tt.slot {
			t.Errorf("FieldRef(%s) = %q, want %q", tt.action, got, tt.slot)
		}
	}
}
