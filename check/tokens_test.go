package check

import (
	"slices"
	"strings"
	"testing"
)

func TestScanSource(t *testing.T) {
	tests := []struct {
		src      string
		fields   []string
		segments []string
	}{
		{`Hi {{ .Profile.a }}`, []string{"a"}, nil},
		{`{{ .Profile.a | default "x" }}`, nil, nil},
		{`{{ coalesce .Profile.a .Profile.b }}`, nil, nil},
		{`{{ or .Profile.a "x" }}`, nil, nil},
		{`{{ upper .Profile.a }}`, []string{"a"}, nil},
		{`{{ .Profile.addr.city }}`, []string{"addr.city"}, nil},
		{`{{ if .Profile.a }}{{ .Profile.a }}{{ end }}`, nil, nil},
		{`{{ if .Profile.a }}{{ else }}{{ .Profile.a }}{{ end }}`, []string{"a"}, nil},
		{`{{ if .Profile.a }}{{ .Profile.b }}{{ end }}`, []string{"b"}, nil},
		{`{{ with .Profile.a }}{{ .name }}{{ end }}`, nil, nil},
		{`{{ range .Profile.items }}{{ .name }}{{ end }}`, nil, nil},
		{`{{ $x := .Profile.a }}`, nil, nil},
		{`{{ if .Segments.vip }}{{ .Profile.a }}{{ end }}`, []string{"a"}, []string{"vip"}},
		{`{{ define "x" }}{{ .Profile.a }}{{ end }}`, []string{"a"}, nil},
		{`{{ if }}`, nil, nil}, // does not parse: the engine reports it
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			sc := scanSource(tt.src)
			var fields []string
			for _, tok := range sc.tokens {
				fields = append(fields, tok.field)
				if tt.src[tok.off:tok.off+2] != "{{" {
					t.Errorf("token %q placed at %d, not at its {{", tok.action, tok.off)
				}
			}
			if !slices.Equal(fields, tt.fields) || !slices.Equal(sc.segments, tt.segments) {
				t.Errorf("fields %v segments %v, want %v %v", fields, sc.segments, tt.fields, tt.segments)
			}
		})
	}
}

func TestLacks(t *testing.T) {
	p := map[string]any{"a": "x", "n": nil, "addr": map[string]any{"city": "Oslo"}, "s": "str"}
	tests := []struct {
		field string
		want  bool
	}{{"a", false}, {"n", true}, {"missing", true}, {"addr.city", false}, {"addr.zip", true}, {"s.x", true}}
	for _, tt := range tests {
		if got := lacks(p, tt.field); got != tt.want {
			t.Errorf("lacks(%q) = %v, want %v", tt.field, got, tt.want)
		}
	}
}

func TestBlankFrontMatter(t *testing.T) {
	src := "---\nsubject: \"{{ .X }}\"\n---\n<p>{{ .Y }}</p>\n"
	got := blankFrontMatter(src)
	if len(got) != len(src) || !strings.HasSuffix(got, "\n<p>{{ .Y }}</p>\n") || got[:4] != "   \n" {
		t.Errorf("got %q", got)
	}
	if s := newSourceFile("x.html", src); !strings.HasSuffix(s.mask, "\n<p>\x01\x01\x01\x01\x01\x01\x01\x01</p>\n") {
		t.Errorf("mask %q", s.mask)
	}
}
