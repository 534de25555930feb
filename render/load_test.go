package render

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tailor-email/tailor/segment"
)

// smallWorkspace returns a small valid workspace; each test changes one file.
func smallWorkspace() fstest.MapFS {
	return fstest.MapFS{
		"tailor.yaml":                 {Data: []byte("name: t\nfrom: \"T <t@example.com>\"\nnow: \"2026-01-01T00:00:00Z\"\nlimits: {timeout: 300ms, max_bytes: 65536}\n")},
		"segments.yaml":               {Data: []byte("segments:\n  - name: vip\n    when: spent >= 100\n")},
		"templates/layouts/base.html": {Data: []byte("<!DOCTYPE html>\n<html><head><title>{{ .Subject }}</title></head>\n<body>\n{{ template \"content\" . }}\n</body></html>\n")},
		"templates/hello.html":        {Data: []byte("---\nsubject: Hi {{ .Profile.name | default \"there\" }}\npreheader: A short note\n---\n<p class=\"greet\">Hello {{ .Profile.name }}</p>\n{{ .Slots.hero }}\n")},
		"modules/hero/default.md":     {Data: []byte("---\n---\n# Welcome {{ .Profile.name | default \"friend\" }}\n")},
		"modules/hero/vip.html":       {Data: []byte("---\nsegments: [vip]\n---\n<h1>Thanks, big spender</h1>\n")},
		"styles/main.css":             {Data: []byte(".greet { color: #333333; }\n")},
	}
}

func TestLoadErrorsNamePlace(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                string // the error must contain this
	}{
		{"module for unknown slot", "modules/sidebar/ad.md",
			"---\npriority: 1\n---\nBuy now\n",
			`modules/sidebar/ad.md:1:1: unknown slot "sidebar"`},
		{"unknown segment", "modules/hero/vip.html",
			"---\nsegments: [vipp]\n---\n<h1>x</h1>\n",
			`modules/hero/vip.html:2:11: unknown segment "vipp"`},
		{"action in style", "templates/layouts/base.html",
			"<html><head><style>p { color: {{ .Profile.c }} }</style></head><body>{{ template \"content\" . }}</body></html>\n",
			"templates/layouts/base.html:1:31: template actions are not allowed inside <style>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := smallWorkspace()
			ws[tt.file] = &fstest.MapFile{Data: []byte(tt.content)}
			_, err := Load(ws)
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func mustLoad(t *testing.T, ws fstest.MapFS) *Campaign {
	t.Helper()
	c, err := Load(ws)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRenderEscapesRecipientData(t *testing.T) {
	c := mustLoad(t, smallWorkspace())
	for _, name := range []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`} {
		m, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"id": "x", "name": name}})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(m.HTML, "<script>") || strings.Contains(m.HTML, "<img src=x") {
			t.Errorf("name %q reached the HTML unescaped:\n%s", name, m.HTML)
		}
		if !strings.Contains(m.HTML, "&lt;") {
			t.Errorf("name %q: no escaped form in the HTML:\n%s", name, m.HTML)
		}
		if !strings.Contains(m.Text, name) {
			t.Errorf("the text part should carry the name as plain text, got:\n%s", m.Text)
		}
	}
}

func TestSubjectHasNoLineBreaks(t *testing.T) {
	c := mustLoad(t, smallWorkspace())
	m, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"name": "Eve\r\nBcc: victim@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		t.Errorf("subject %q carries a line break", m.Subject)
	}
}

func TestRenderBounds(t *testing.T) {
	many := make([]any, 20000)
	for i := range many {
		many[i] = i
	}
	tests := []struct {
		name, body string
		want       error
	}{
		// 20,000 x 20,000 iterations: far past the step budget.
		{"runaway nested loop", "{{ range .Profile.items }}{{ range $.Profile.items }}{{ end }}x{{ end }}", ErrSteps},
		{"huge output", "{{ range .Profile.items }}<p>padding padding padding</p>{{ end }}", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := smallWorkspace()
			// The step and size bounds are under test: a clock generous
			// enough that a loaded machine never trips it first.
			ws["tailor.yaml"] = &fstest.MapFile{Data: []byte("name: t\nfrom: \"T <t@example.com>\"\nnow: \"2026-01-01T00:00:00Z\"\nlimits: {timeout: 1m, max_bytes: 65536}\n")}
			ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n" + tt.body + "{{ .Slots.hero }}\n")}
			c := mustLoad(t, ws)
			start := time.Now()
			_, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"id": "a", "items": many}})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			// Not a timing assertion: a generous ceiling that only an
			// unbounded render would break.
			if el := time.Since(start); el > 2*time.Minute {
				t.Fatalf("render was not cut off (%s)", el)
			}
		})
	}
}

// TestRenderErrorNamesTemplatePlace checks that an execution error points
// at the action in the workspace file, not at the compiled template.
func TestRenderErrorNamesTemplatePlace(t *testing.T) {
	ws := smallWorkspace()
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n{{ index .Profile.list 5 }}{{ .Slots.hero }}\n")}
	c := mustLoad(t, ws)
	_, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"list": []any{1}}})
	if err == nil || !strings.Contains(err.Error(), "templates/hello.html:4:") {
		t.Fatalf("err = %v, want an error at templates/hello.html:4", err)
	}
}

func TestModuleSelection(t *testing.T) {
	c := mustLoad(t, smallWorkspace())
	for _, tt := range []struct {
		spent any
		want  string
	}{{150.0, "hero/vip"}, {99.0, "hero/default"}, {nil, "hero/default"}} {
		m, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"spent": tt.spent}})
		if err != nil {
			t.Fatal(err)
		}
		if m.Modules["hero"] != tt.want {
			t.Errorf("spent %v: hero = %s, want %s", tt.spent, m.Modules["hero"], tt.want)
		}
	}
}

func TestCSSIsInlinedAndMarkdownCompiled(t *testing.T) {
	c := mustLoad(t, smallWorkspace())
	m, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"name": "*Ann*"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.HTML, `<p class="greet" style="color: #333333;">Hello *Ann*</p>`) {
		t.Errorf("want the class's CSS inlined and the name untouched by Markdown:\n%s", m.HTML)
	}
	if !strings.Contains(m.HTML, "<h1>Welcome *Ann*</h1>") {
		t.Errorf("want the Markdown module as HTML, recipient data not read as Markdown:\n%s", m.HTML)
	}
}

func TestConstantCallsAreFoldedAtLoad(t *testing.T) {
	ws := smallWorkspace()
	ws["tailor.yaml"] = &fstest.MapFile{Data: []byte("name: t\nutm: {source: tailor}\n")}
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n<a href=\"{{ link \"https://x.example/?q=a b\" \"hero\" }}\">{{ money 5 }}</a>{{ .Slots.hero }}\n")}
	c := mustLoad(t, ws)
	e, _ := c.email("hello")
	if src := e.doc.html.Tree.Root.String(); strings.Contains(src, "link") || strings.Contains(src, "money") {
		t.Errorf("constant calls left in the compiled template: %s", src)
	}
	m, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.HTML, `<a href="https://x.example/?q=a+b&amp;utm_content=hero&amp;utm_source=tailor">$5.00</a>`) {
		t.Errorf("folded output is not what the call gives:\n%s", m.HTML)
	}
}

func TestOutlookConditionalCommentsSurviveByteForByte(t *testing.T) {
	ws := smallWorkspace()
	mso := "<!--[if mso]><v:roundrect xmlns:v=\"urn:schemas-microsoft-com:vml\" href=\"{{ .Profile.url }}\" style=\"height:40px\"><center>Go</center></v:roundrect><![endif]-->"
	notMSO := "<!--[if !mso]><!--><a class=\"greet\" href=\"{{ .Profile.url }}\">Go</a><!--<![endif]-->"
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n<table><tr><td>" + mso + notMSO + "</td></tr></table>{{ .Slots.hero }}\n")}
	c := mustLoad(t, ws)
	m, err := c.Render(context.Background(), Request{Email: "hello", Profile: segment.Profile{"url": "https://x.example/?a=1&b=2"}})
	if err != nil {
		t.Fatal(err)
	}
	wantMSO := strings.Replace(mso, "{{ .Profile.url }}", "https://x.example/?a=1&amp;b=2", 1)
	if !strings.Contains(m.HTML, wantMSO) {
		t.Errorf("the [if mso] comment did not survive byte for byte:\n%s", m.HTML)
	}
	for _, part := range []string{"<!--[if !mso]><!-->", "<!--<![endif]-->", `style="color: #333333;"`} {
		if !strings.Contains(m.HTML, part) {
			t.Errorf("missing %s in:\n%s", part, m.HTML)
		}
	}
}
