package workspace

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
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
		{"template syntax", "templates/hello.html", "---\nsubject: Hi\n---\n<p>Hello</p>\n<p>{{ .Profile.name ) }}</p>\n{{ .Slots.hero }}\n",
			"templates/hello.html:5:4: "},
		{"bad front matter", "templates/hello.html", "---\nsubject: Hi\nlayuot: base\n---\n<p>x</p>{{ .Slots.hero }}\n",
			"templates/hello.html:3:1: "},
		{"a missing layout", "templates/hello.html", "---\nsubject: Hi\nlayout: fancy\n---\n<p>x</p>{{ .Slots.hero }}\n",
			`templates/hello.html:2:1: layout "fancy" not found`},
		{"env is not a function", "templates/hello.html", "---\nsubject: Hi\n---\n<p>{{ env \"HOME\" }}</p>{{ .Slots.hero }}\n",
			`templates/hello.html:4:4: function "env" not defined`},
		{"a module condition", "modules/hero/vip.html", "---\nwhen: spent >>= 3\n---\n<h1>x</h1>\n",
			"modules/hero/vip.html:2:"},
		{"unclosed front matter", "modules/hero/vip.html", "---\nsegments: [vip]\n<h1>x</h1>\n",
			"modules/hero/vip.html:1:1: front matter opened with --- is never closed"},
		{"a module without front matter", "modules/hero/default.md", "# Welcome\n",
			"modules/hero/default.md:1:1: a module starts with front matter"},
		{"an empty module", "modules/hero/default.md", "",
			"modules/hero/default.md:1:1: a module starts with front matter"},
		{"a binary module", "modules/hero/vip.html", "---\nsegments: [vip]\n---\n\x89PNG\r\n\x1a\n\x00\x00",
			"modules/hero/vip.html:4:1: binary content: invalid UTF-8"},
		{"a binary stylesheet", "styles/main.css", ".greet { color: red }\n\x00",
			"styles/main.css:2:1: binary content: a NUL byte"},
		{"a billion laughs in a module", "modules/hero/vip.html", laughs,
			"modules/hero/vip.html:8:10: aliases expand the YAML past 1048576 bytes (limits.max_front_matter in tailor.yaml)"},
		{"front matter nested deep", "templates/hello.html", "---\nsubject: " + strings.Repeat("[", 5000) + "\n---\n",
			"templates/hello.html:2:"},
		{"a tailor.yaml over its bound", "tailor.yaml", "name: \"" + strings.Repeat("x", 1<<20) + "\"\n",
			"tailor.yaml:1:1: YAML of 1048585 bytes, over the limit of 1048576 bytes"},
		{"an unknown key in tailor.yaml", "tailor.yaml", "name: t\nlimits: {timeuot: 2s}\n",
			"tailor.yaml:2:"},
		{"a segments.yaml of aliases", "segments.yaml", "a: &a [x]\nsegments: [" + strings.Repeat("*a, ", 120) + "*a]\n",
			"segments.yaml:2:"},
		{"a bad time zone", "tailor.yaml", "name: t\ntimezone: Mars/Olympus\n",
			"tailor.yaml:2:11: timezone: unknown time zone Mars/Olympus"},
		{"a bad timeout", "tailor.yaml", "name: t\nlimits:\n  timeout: -1s\n",
			`tailor.yaml:3:12: limits.timeout: want a duration like 2s, got "-1s"`},
		{"a bad clock", "tailor.yaml", "name: t\nnow: yesterday\n",
			"tailor.yaml:2:6: now: want RFC 3339: "},
		{"a bad experiment", "tailor.yaml", "name: t\nexperiments:\n  - name: a\n    variants: [{name: x, weight: 1}]\n  - name: \"\"\n",
			"tailor.yaml:5:"},
		{"a doubled experiment", "tailor.yaml", "experiments:\n  - name: a\n    variants: [{name: x, weight: 1}]\n  - name: a\n    variants: [{name: x, weight: 1}]\n",
			"tailor.yaml:4:9: experiments: experiment a: duplicate name"},
		{"max_front_matter out of range", "tailor.yaml", "name: t\nlimits: {max_front_matter: 9999999999}\n",
			"tailor.yaml:2:28: limits.max_front_matter: want 1 to 4194304 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := small()
			ws[tc.file] = &fstest.MapFile{Data: []byte(tc.content)}
			w, err := Load(ws)
			if err == nil || w != nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one starting %q", err, tc.want)
			}
		})
	}
}

// TestPartialLoop: a partial that includes itself is refused.
func TestPartialLoop(t *testing.T) {
	ws := small()
	ws["templates/partials/a.html"] = &fstest.MapFile{Data: []byte(`{{ template "a" . }}`)}
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n{{ template \"a\" . }}{{ .Slots.hero }}\n")}
	if _, err := Load(ws); err == nil || !strings.Contains(err.Error(), `partial "a" includes itself`) {
		t.Fatalf("err = %v", err)
	}
}

// TestMaxFrontMatter checks limits.max_front_matter both ways.
func TestMaxFrontMatter(t *testing.T) {
	ws := small()
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
