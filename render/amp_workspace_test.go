package render_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/amp/validator"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
)

const (
	ampLayout = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Subject }}</title></head>
<body>{{ template "content" . }}</body></html>
`
	ampMail = `---
subject: Hi
amp: true
---
<table role="presentation" width="600"><tr><td>{{ .Slots.main }}</td></tr></table>
`
)

// ampWorkspace is a one-email workspace whose slot main has a fallback
// module plain.html and the given extra files.
func ampWorkspace(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"tailor.yaml":                 {Data: []byte("name: t\nfrom: a@b.example\nnow: \"2026-01-01T00:00:00Z\"\n")},
		"templates/layouts/base.html": {Data: []byte(ampLayout)},
		"templates/mail.html":         {Data: []byte(ampMail)},
		"modules/main/plain.html":     {Data: []byte("---\n---\n<p>Hello {{ .Profile.first_name }}</p>\n")},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func renderMail(t *testing.T, fsys fstest.MapFS, p segment.Profile) *render.Message {
	t.Helper()
	c, err := render.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.Render(context.Background(), render.Request{Email: "mail", Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestAMPModules covers how a module reaches the AMP part: converted, from
// its .amp.html variant, or not at all, with the reason.
func TestAMPModules(t *testing.T) {
	const photo = "---\nwhen: kind == \"photo\"\n---\n"
	tests := []struct {
		name    string
		files   map[string]string
		profile segment.Profile
		want    string // in the AMP part; "" when it must be dropped
		dropped string // in the reason when dropped
	}{
		{"converted fallback", nil, segment.Profile{"first_name": "Ana"}, "<p>Hello Ana</p>", ""},
		{"img converted", map[string]string{"modules/main/photo.html": photo + `<img src="https://x.example/a.png" width="100" height="50" alt="A">`},
			segment.Profile{"kind": "photo"}, `<amp-img src="https://x.example/a.png" width="100" height="50" alt="A" layout="fixed"></amp-img>`, ""},
		{"img without size drops the part", map[string]string{"modules/main/photo.html": photo + `<img src="https://x.example/a.png" width="100">`},
			segment.Profile{"kind": "photo"}, "", "modules/main/photo.html: <img"},
		{"other recipients keep it", map[string]string{"modules/main/photo.html": photo + `<img src="https://x.example/a.png">`},
			segment.Profile{"first_name": "Ben"}, "<p>Hello Ben</p>", ""},
		{"variant used", map[string]string{"modules/main/photo.html": photo + `<img src="https://x.example/a.png">`,
			"modules/main/photo.amp.html": `<amp-img src="https://x.example/a.png" width="1" height="1" layout="fixed"></amp-img><amp-accordion><section><h4>Q</h4><p>A</p></section></amp-accordion>`},
			segment.Profile{"kind": "photo"}, `custom-element="amp-accordion"`, ""},
		{"video is lost content", map[string]string{"modules/main/photo.html": photo + `<video src="https://x.example/a.mp4"></video>`},
			segment.Profile{"kind": "photo"}, "", "content would be lost"},
		{"document over 200,000 bytes", nil, segment.Profile{"first_name": strings.Repeat("a", 200001)}, "", "200000"},
		{"mustache tags", map[string]string{"modules/main/photo.html": photo + "<p>x</p>",
			"modules/main/photo.amp.html": `<amp-list src="https://x.example/l.json" layout="fixed-height" height="40"><template type="amp-mustache">{{ "{{#items}}" }}<p>{{ "{{name}}" }}</p>{{ "{{/items}}" }}</template></amp-list>`},
			segment.Profile{"kind": "photo", "first_name": "{{name}}"}, "{{#items}}<p>{{name}}</p>{{/items}}", ""},
		{"mustache function", map[string]string{"modules/main/photo.html": photo + "<p>x</p>",
			"modules/main/photo.amp.html": `<amp-list src="https://x.example/l.json" layout="fixed-height" height="40"><template type="amp-mustache">{{ mustache "#items" }}<p>{{ mustache "name" }}</p>{{ mustache "/items" }}</template></amp-list>`},
			segment.Profile{"kind": "photo"}, "{{#items}}<p>{{name}}</p>{{/items}}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := renderMail(t, ampWorkspace(tt.files), tt.profile)
			if m.HTML == "" {
				t.Fatal("no HTML part")
			}
			if tt.want == "" {
				if m.AMP != "" || !strings.Contains(m.AMPDropped, tt.dropped) {
					t.Errorf("AMP part kept (%d bytes) or reason %q lacks %q", len(m.AMP), m.AMPDropped, tt.dropped)
				}
				return
			}
			if m.AMPDropped != "" || !strings.Contains(m.AMP, tt.want) {
				t.Fatalf("AMP part lacks %s (dropped: %q):\n%s", tt.want, m.AMPDropped, m.AMP)
			}
			if res := validator.Validate([]byte(m.AMP)); !res.Pass {
				t.Errorf("invalid AMP part: %s", res.Summary())
			}
		})
	}
}

// TestAMPLoadErrors: mistakes only an AMP email can make fail the load,
// naming the place.
func TestAMPLoadErrors(t *testing.T) {
	tests := []struct{ name, file, src, want string }{
		{"not one mustache tag", "modules/main/plain.amp.html", `<p>{{ "{{a}} and {{b}}" }}</p>`, "modules/main/plain.amp.html:1:4: "},
		{"bad mustache name", "modules/main/plain.amp.html", `<p>{{ "{{a b}}" }}</p>`, "is not an amp-mustache tag"},
		{"data in amp-bind", "modules/main/plain.amp.html", `<p [text]="'Hi ' + {{ .Profile.first_name }}">Hi</p>`, "modules/main/plain.amp.html:1:20: template action inside the amp-bind attribute [text]"},
		{"reserved delimiter", "modules/main/plain.amp.html", `<p>⟦</p>`, "are reserved in AMP emails"},
		{"data in amp-mustache", "modules/main/plain.amp.html", mustacheList(`<p>{{ "{{name}}" }} for {{ .Profile.first_name }}</p>`),
			"modules/main/plain.amp.html:3:25: template action printing data inside an amp-mustache template"},
		{"a variable in amp-mustache", "modules/main/plain.amp.html", mustacheList(`{{ range $p := .Profile.picks }}<p>{{ $p }}</p>{{ end }}`),
			"modules/main/plain.amp.html:3:36: template action printing data inside an amp-mustache template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := render.Load(ampWorkspace(map[string]string{tt.file: tt.src}))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error %v, want one with %q", err, tt.want)
			}
		})
	}
}

// mustacheList is an amp-list whose amp-mustache template holds body.
func mustacheList(body string) string {
	return "<amp-list src=\"https://x.example/l.json\" layout=\"fixed-height\" height=\"40\" width=\"auto\">\n" +
		"<template type=\"amp-mustache\">\n" + body + "\n</template>\n</amp-list>\n"
}

// TestAMPMustacheConstantsLoad: constants and amp-mustache tags inside an
// amp-mustache template are fine; only recipient data is refused.
func TestAMPMustacheConstantsLoad(t *testing.T) {
	src := mustacheList(`<a href="{{ link "https://x.example/p" "list" }}">{{ "{{name}}" }}</a>{{ mustache "price" }}{{ if .Profile.vip }}!{{ end }}`)
	m := renderMail(t, ampWorkspace(map[string]string{"modules/main/plain.amp.html": src}), segment.Profile{"id": "a", "vip": true})
	if !strings.Contains(m.AMP, "{{name}}") || !strings.Contains(m.AMP, "{{price}}") || m.AMPDropped != "" {
		t.Errorf("dropped %q, AMP part:\n%s", m.AMPDropped, m.AMP)
	}
}

// TestAMPReport checks what the check command reads: load-time problems
// per module and each recipient's outcome.
func TestAMPReport(t *testing.T) {
	fsys := ampWorkspace(map[string]string{"modules/main/photo.html": "---\nwhen: kind == \"photo\"\n---\n<img src=\"https://x.example/a.png\">"})
	c, err := render.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	probs := c.AMPProblems("mail")
	if len(probs) != 1 || probs[0].Module != "main/photo" || !strings.HasPrefix(probs[0].Reason, "modules/main/photo.html: ") {
		t.Errorf("AMPProblems = %+v, want one for main/photo", probs)
	}
	res, err := c.CheckAMP(context.Background(), "mail", []segment.Profile{{"id": "a"}, {"id": "b", "kind": "photo"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Dropped != "" || res[0].Err != nil || res[1].Dropped != probs[0].Reason {
		t.Errorf("CheckAMP = %+v", res)
	}
	if _, err := c.CheckAMP(context.Background(), "nope", nil); err == nil {
		t.Error("CheckAMP of an unknown email: no error")
	}
}
