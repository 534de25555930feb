package render

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/inline"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/workspace"
)

// TestBrokenFilesNameThemselves compiles the small workspace with one file
// in a state an editor, a paste or a hostile file leaves, and checks that
// the error names the file and place, and that nothing panics. What the
// workspace itself refuses (binary files, YAML past its bounds, files
// outside it) is tested in package workspace.
func TestBrokenFilesNameThemselves(t *testing.T) {
	for _, tc := range []struct {
		name, file, content, want string
	}{
		{"an empty layout", "templates/layouts/base.html", "",
			`templates/layouts/base.html:1:1: the layout has no {{ template "content" . }}`},
		{"a layout cut before </head>", "templates/layouts/base.html", "<!DOCTYPE html>\n<html><head><title>{{ template \"content\" . }}",
			"templates/layouts/base.html:1:1: the layout has no </head>: styles/*.css needs a head to go in"},
		{"a layout of only the content, and an empty email", "templates/layouts/base.html", `{{ template "content" . }}`,
			"templates/layouts/base.html:1:1: the layout has no </head>: styles/*.css needs a head to go in"},
		{"an action in a tag the HTML parser copies", "modules/hero/vip.html", "---\nsegments: [vip]\n---\n<p>Hi <s{{ .Profile.name }}trong>you</strong></p>\n<p>more</p>\n",
			"modules/hero/vip.html:4:9: the HTML parser copied this action"},
		{"a CSS syntax error", "styles/main.css", ".greet { color: #333333; }\n\n.hero p { color: red;\n",
			"styles/main.css:3:9: malformed CSS: { is never closed"},
		{"a stylesheet closing its element", "styles/main.css", "p { color: red }\n</style><script>x</script>",
			"styles/main.css:2:1: a stylesheet cannot contain </style"},
		{"an action in a stylesheet", "styles/main.css", "p { color: {{ .Profile.color }} }",
			"styles/main.css:1:12: template actions are not allowed in stylesheets"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := smallWorkspace()
			ws[tc.file] = &fstest.MapFile{Data: []byte(tc.content)}
			if strings.HasPrefix(tc.name, "a layout of only") {
				ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n")}
			}
			c, err := Load(ws)
			if err == nil || c != nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one starting %q", err, tc.want)
			}
		})
	}
}

// TestTooMuchCSS checks that CSS whose inlining would pass the inliner's
// bounds fails the load.
func TestTooMuchCSS(t *testing.T) {
	ws := smallWorkspace()
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n" + strings.Repeat("<p class=\"greet\">x</p>\n", 3000) + "{{ .Slots.hero }}\n")}
	ws["styles/main.css"] = &fstest.MapFile{Data: []byte(strings.Repeat(".greet { color: #333333; }\n", 100))}
	_, err := Load(ws)
	if err == nil || !strings.HasPrefix(err.Error(), "templates/layouts/base.html:1:1: inlining CSS: "+inline.ErrTooMuch.Error()) {
		t.Fatalf("err = %v", err)
	}
}

// TestCompileLeavesTheWorkspace compiles one workspace twice, with and
// without inlining: Compile reads nothing and changes nothing of it, so
// both campaigns render their own way.
func TestCompileLeavesTheWorkspace(t *testing.T) {
	ws, err := workspace.Load(smallWorkspace())
	if err != nil {
		t.Fatal(err)
	}
	engine, err := Compile(ws)
	if err != nil {
		t.Fatal(err)
	}
	naive, err := Compile(ws, WithoutInlining())
	if err != nil {
		t.Fatal(err)
	}
	again, err := Compile(ws)
	if err != nil {
		t.Fatal(err)
	}
	req := Request{Email: "hello", Profile: segment.Profile{"name": "Ann"}}
	var html []string
	for _, c := range []*Campaign{engine, naive, again} {
		m, err := c.Render(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		html = append(html, m.HTML)
	}
	if !strings.Contains(html[0], `<p class="greet" style="color: #333333;">`) || strings.Contains(html[1], `style="color: #333333;"`) || html[2] != html[0] {
		t.Errorf("inlined, naive and inlined again:\n%s\n---\n%s\n---\n%s", html[0], html[1], html[2])
	}
}

// TestUnsubscribeErrorIsPlaced: the unsubscribe URL's template is compiled
// with the campaign's functions, and a bad one is an error at its place in
// tailor.yaml.
func TestUnsubscribeErrorIsPlaced(t *testing.T) {
	ws := smallWorkspace()
	ws["tailor.yaml"] = &fstest.MapFile{Data: []byte("name: t\nunsubscribe: \"https://x.example/u?u={{ .Profile.id\"\n")}
	_, err := Load(ws)
	if err == nil || !strings.HasPrefix(err.Error(), "tailor.yaml:2:14: unsubscribe: ") {
		t.Fatalf("err = %v", err)
	}
}
