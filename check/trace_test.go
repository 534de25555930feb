package check

import (
	"testing"
)

// TestTrace places findings of a rendered document in the source files
// that wrote them.
func TestTrace(t *testing.T) {
	sources := map[string]string{
		"modules/hero/a.html": "---\nsegments: [x]\n---\n<h1>Hi {{ .Profile.name }}</h1>\n" +
			"<!--[if mso]><p>Click here</p><![endif]-->\n<p class=\"lead\">Click here</p>\n",
		"modules/hero/b.md": "---\n---\n# Welcome back, {{ .Profile.name }}\n\nYour cart is waiting\n",
		"templates/layouts/base.html": "<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n" +
			"<img class=\"logo\" src=\"https://x.example/logo.png\" alt=\"\">\n{{ template \"content\" . }}\n</body>\n</html>\n",
		"styles/email.css": ".lead { color: red; }\n@media (max-width: 600px) { .lead { width: 100% } }\n",
	}
	set := &sourceSet{files: map[string]*sourceFile{}}
	for name, src := range sources {
		set.files[name] = newSourceFile(name, src)
		set.names = append(set.names, name)
	}
	rendered := "<!DOCTYPE html><html lang=\"en\">\n<body style=\"margin:0\">\n" +
		"<img class=\"logo\" src=\"https://x.example/logo.png\" alt=\"\" style=\"border:0\">\n" +
		"<h1 style=\"color:#111\">Hi Ana</h1>\n" +
		"<!--[if mso]><p>Click here</p><![endif]-->\n<p class=\"lead\" style=\"color:red\">Click here</p>\n" +
		"<h1>Welcome back, Ana</h1>\n<p>Your cart is waiting</p>\n<div style=\"display:none\">computed</div>\n" +
		"<style>@media (max-width: 600px) { .lead { width: 100% } }</style>\n<p>Your cart is now 3 items</p>\n</body></html>\n"
	d, err := parseDocument("templates/x.html", []byte(rendered))
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"modules/hero/a.html", "modules/hero/b.md", "templates/layouts/base.html", "styles/email.css"}
	tests := []struct {
		name       string
		line, col  int
		want       string
		wantLine   int
		wantColumn int
	}{
		{"element by its attributes", 3, 1, "templates/layouts/base.html", 4, 1},
		{"element by its text up to the data", 4, 1, "modules/hero/a.html", 4, 1},
		{"text, not the copy inside a conditional comment", 6, 1, "modules/hero/a.html", 6, 1},
		{"text too short to search: its element", 4, 24, "modules/hero/a.html", 4, 1},
		{"markdown heading by its text", 7, 5, "modules/hero/b.md", 3, 3},
		{"whole text line when it is all there", 8, 4, "modules/hero/b.md", 5, 1},
		{"text that goes on differently from the source", 11, 4, "templates/x.html", 0, 0},
		{"a conditional comment", 5, 1, "modules/hero/a.html", 5, 1},
		{"the doctype", 1, 1, "templates/layouts/base.html", 1, 1},
		{"a style sheet rule", 10, 8, "styles/email.css", 2, 1},
		{"an element nothing wrote", 9, 1, "templates/x.html", 0, 0},
		{"a whole-file finding", 0, 0, "templates/x.html", 0, 0},
	}
	tr := &tracer{set: set}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tr.trace(d, Finding{Rule: "r", File: d.file, Line: tt.line, Col: tt.col}, files, "templates/x.html")
			if f.File != tt.want || f.Line != tt.wantLine || f.Col != tt.wantColumn {
				t.Errorf("traced to %s, want %s:%d:%d", position(f), tt.want, tt.wantLine, tt.wantColumn)
			}
		})
	}
}
