package check

import (
	"context"
	"testing"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/render"
)

func TestSourceRules(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // "rule line:col"
	}{
		{"hidden block", "<!--[if mso]><table><tr><td><![endif]-->\n", nil},
		{"revealed block", "<!--[if !mso]><!--><a>x</a><!--<![endif]-->\n", nil},
		{"nested and closed", "<!--[if mso]>a<![endif]--><!--[if !mso]><!-->b<!--<![endif]-->", nil},
		{"never closed", "<p>\n<!--[if !mso]><!--><a>x</a>\n", []string{"outlook-conditional-unbalanced 2:1"}},
		{"closes nothing", "<a>x</a>\n  <!--<![endif]-->\n", []string{"outlook-conditional-unbalanced 2:3"}},
		{"an action in a comment is not a conditional", "<!-- {{ .X }} -->\n", nil},
		{"static class", `<p class="a b">x</p>`, nil},
		{"class from data", "<p class=\"a {{ .Profile.t }}\">x</p>", []string{"class-from-data 1:13"}},
		{"single-quoted class from data", "---\nx: 1\n---\n<td class='{{ if .A }}a{{ end }}'>", []string{"class-from-data 4:12"}},
		{"action in another attribute", `<a href="{{ .U }}" class="b">x</a>`, nil},
		{"front matter is not markup", "---\nclass: \"{{ .X }}\"\n---\n<p>x</p>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := &sourceSet{files: map[string]*sourceFile{"templates/x.html": newSourceFile("templates/x.html", tt.src)},
				names: []string{"templates/x.html"}}
			var got []string
			for _, f := range sourceFindings(set) {
				got = append(got, f.Rule+" "+position(f)[len("templates/x.html:"):])
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// BenchmarkWorkspace lints the built-in example: 2 emails x 7 fixtures.
func BenchmarkWorkspace(b *testing.B) {
	fsys := shop.FS()
	c, err := render.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Workspace(context.Background(), c, fsys, Options{}, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
}
