package render

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/inline"
)

// TestBrokenFilesNameThemselves loads the small workspace with one file in
// a state an editor, a paste or a hostile file leaves, and checks that the
// error names the file and place, and that nothing panics.
func TestBrokenFilesNameThemselves(t *testing.T) {
	laughs := "---\nl0: &l0 [lol]\n"
	for i := 1; i <= 9; i++ {
		laughs += fmt.Sprintf("l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 10), ", "))
	}
	laughs += "tags: *l9\n---\n<p>lol</p>\n"
	for _, tc := range []struct {
		name, file, content, want string
	}{
		{"an empty layout", "templates/layouts/base.html", "",
			`templates/layouts/base.html:1:1: the layout has no {{ template "content" . }}`},
		{"a layout cut before </head>", "templates/layouts/base.html", "<!DOCTYPE html>\n<html><head><title>{{ template \"content\" . }}",
			"templates/layouts/base.html:1:1: the layout has no </head>: styles/*.css needs a head to go in"},
		{"a layout of only the content, and an empty email", "templates/layouts/base.html", `{{ template "content" . }}`,
			"templates/layouts/base.html:1:1: the layout has no </head>: styles/*.css needs a head to go in"},
		{"a module without front matter", "modules/hero/default.md", "# Welcome\n",
			"modules/hero/default.md:1:1: a module starts with front matter"},
		{"an empty module", "modules/hero/default.md", "",
			"modules/hero/default.md:1:1: a module starts with front matter"},
		{"a binary module", "modules/hero/vip.html", "---\nsegments: [vip]\n---\n\x89PNG\r\n\x1a\n\x00\x00",
			"modules/hero/vip.html:4:1: binary content: invalid UTF-8"},
		{"an action in a tag the HTML parser copies", "modules/hero/vip.html", "---\nsegments: [vip]\n---\n<p>Hi <s{{ .Profile.name }}trong>you</strong></p>\n<p>more</p>\n",
			"modules/hero/vip.html:4:9: the HTML parser copied this action"},
		{"a binary stylesheet", "styles/main.css", ".greet { color: red }\n\x00",
			"styles/main.css:2:1: binary content: a NUL byte"},
		{"a CSS syntax error", "styles/main.css", ".greet { color: #333333; }\n\n.hero p { color: red;\n",
			"styles/main.css:3:9: malformed CSS: { is never closed"},
		{"a stylesheet closing its element", "styles/main.css", "p { color: red }\n</style><script>x</script>",
			"styles/main.css:2:1: a stylesheet cannot contain </style"},
		{"an action in a stylesheet", "styles/main.css", "p { color: {{ .Profile.color }} }",
			"styles/main.css:1:12: template actions are not allowed in stylesheets"},
		{"a billion laughs in a module", "modules/hero/vip.html", laughs,
			"modules/hero/vip.html:8:10: aliases expand the YAML past 1048576 bytes (limits.max_front_matter in tailor.yaml)"},
		{"front matter nested deep", "templates/hello.html", "---\nsubject: " + strings.Repeat("[", 5000) + "\n---\n",
			"templates/hello.html:2:"},
		{"a tailor.yaml over its bound", "tailor.yaml", "name: \"" + strings.Repeat("x", 1<<20) + "\"\n",
			"tailor.yaml:1:1: YAML of 1048585 bytes, over the limit of 1048576 bytes"},
		{"a segments.yaml of aliases", "segments.yaml", "a: &a [x]\nsegments: [" + strings.Repeat("*a, ", 120) + "*a]\n",
			"segments.yaml:2:"},
		{"a bad time zone", "tailor.yaml", "name: t\ntimezone: Mars/Olympus\n",
			"tailor.yaml:2:11: timezone: unknown time zone Mars/Olympus"},
		{"a bad experiment", "tailor.yaml", "name: t\nexperiments:\n  - name: a\n    variants: [{name: x, weight: 1}]\n  - name: \"\"\n",
			"tailor.yaml:5:"},
		{"max_front_matter out of range", "tailor.yaml", "name: t\nlimits: {max_front_matter: 9999999999}\n",
			"tailor.yaml:2:28: limits.max_front_matter: want 1 to 4194304 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := workspace()
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

// TestMaxFrontMatter checks limits.max_front_matter both ways.
func TestMaxFrontMatter(t *testing.T) {
	ws := workspace()
	ws["modules/hero/vip.html"] = &fstest.MapFile{Data: []byte("---\nsegments: [vip]\ntags: [" + strings.Repeat("long-tag, ", 300) + "x]\n---\n<h1>x</h1>\n")}
	if _, err := Load(ws); err != nil {
		t.Fatalf("within the default bound: %v", err)
	}
	ws["tailor.yaml"] = &fstest.MapFile{Data: []byte("name: t\nlimits: {max_front_matter: 1000}\n")}
	_, err := Load(ws)
	if err == nil || !strings.HasPrefix(err.Error(), "modules/hero/vip.html:2:1: YAML of 3026 bytes, over the limit of 1000 bytes (limits.max_front_matter in tailor.yaml)") {
		t.Fatalf("err = %v", err)
	}
}

// TestTooMuchCSS checks that CSS whose inlining would pass the inliner's
// bounds fails the load.
func TestTooMuchCSS(t *testing.T) {
	ws := workspace()
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n" + strings.Repeat("<p class=\"greet\">x</p>\n", 3000) + "{{ .Slots.hero }}\n")}
	ws["styles/main.css"] = &fstest.MapFile{Data: []byte(strings.Repeat(".greet { color: #333333; }\n", 100))}
	_, err := Load(ws)
	if err == nil || !strings.HasPrefix(err.Error(), "templates/layouts/base.html:1:1: inlining CSS: "+inline.ErrTooMuch.Error()) {
		t.Fatalf("err = %v", err)
	}
}

// TestSymlinksStayInside writes the small workspace to a folder, opens it
// as tailor does (os.Root), and points a partial, a module and a
// stylesheet in turn at a file outside: the load fails naming the link, and
// the file's content is nowhere, not even in the error. A symlink that
// stays inside is followed.
func TestSymlinksStayInside(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(secret, []byte("root:x:0:0:TOP-SECRET:/root:/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{"templates/partials/footer.html", "modules/hero/extra.md", "styles/extra.css"} {
		t.Run(link, func(t *testing.T) {
			dir := writeWorkspace(t)
			symlink(t, secret, filepath.Join(dir, link))
			c, err := Load(openRoot(t, dir))
			if err == nil {
				t.Fatalf("Load followed %s out of the workspace", link)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, link+":1:1: leaves the workspace") || strings.Contains(msg, "SECRET") {
				t.Errorf("err = %v", err)
			}
			if c != nil {
				t.Error("a campaign and an error")
			}
		})
	}
	dir := writeWorkspace(t)
	symlink(t, "main.css", filepath.Join(dir, "styles/same.css"))
	if _, err := Load(openRoot(t, dir)); err != nil {
		t.Fatalf("a symlink inside the workspace: %v", err)
	}
}

func writeWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, workspace()); err != nil {
		t.Fatal(err)
	}
	return dir
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func openRoot(t *testing.T, dir string) fs.FS {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root.FS()
}
