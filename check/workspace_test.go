package check

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/render"
)

// faulty is a small workspace with one instance of each workspace-logic
// problem; the comments in the files say which.
var faulty = fstest.MapFS{
	"tailor.yaml": {Data: []byte(`name: Faulty
from: "Shop <shop@example.com>"
unsubscribe: "https://example.com/unsubscribe?u={{ .Profile.id }}"
now: "2026-11-02T09:00:00Z"
`)},
	"segments.yaml": {Data: []byte(`segments:
  - name: vip
    when: vip == true
  - name: lapsed
    when: days_since(last_activity_at) > 90
  - name: unused
    when: orders_count == 1
`)},
	"templates/layouts/base.html": {Data: []byte(`<!DOCTYPE html>
<html lang="en">
<head><title>{{ .Subject }}</title></head>
<body>
{{ template "content" . }}
<p><a href="{{ .Unsubscribe }}">Unsubscribe</a></p>
</body>
</html>
`)},
	"templates/promo.html": {Data: []byte(`---
subject: "Hello {{ .Profile.first_name }}"
preheader: "{{ if .Segments.vip }}For you{{ else }}This week{{ end }}"
layout: base
---
<p class="intro {{ .Profile.tier }}">Hi {{ .Profile.first_name }}, {{ .Profile.first_name | default "x" }}</p>
{{ .Slots.hero }}
{{ .Slots.note }}
{{ if .Profile.city }}<p>{{ .Profile.city }}</p>{{ end }}
<!--[if !mso]><!--><p>Not in Outlook</p>
`)},
	"modules/hero/default.html": {Data: []byte("---\n---\n<h1>Hello</h1>\n")},
	"modules/hero/vip.html": {Data: []byte(`---
segments: [vip]
priority: 20
---
<h1>VIP {{ .Profile.nickname }}</h1>
<img src="https://example.com/vip.png" width="100">
`)},
	"modules/hero/vip-copy.html": {Data: []byte(`---
segments: [vip]
priority: 10
---
<h1>VIP again</h1>
`)},
	"modules/hero/expired.html": {Data: []byte(`---
segments: [lapsed]
priority: 30
ends: 2020-01-01
---
<h1>Come back</h1>
`)},
	"modules/hero/lapsed.html": {Data: []byte(`---
segments: [lapsed]
priority: 5
---
<h1>We miss you</h1>
`)},
	"modules/note/vip.html": {Data: []byte(`---
segments: [vip]
---
<p>Thanks for being a VIP</p>
`)},
	"testdata/recipients/a.json": {Data: []byte(`{"id": "a", "email": "a@example.com", "first_name": "A", "vip": true, "nickname": "Al"}`)},
	"testdata/recipients/b.json": {Data: []byte(`{"id": "b", "email": "b@example.com", "vip": true}`)},
	"testdata/recipients/c.json": {Data: []byte(`{"id": "c", "email": "c@example.com", "first_name": "C"}`)},
}

func lintFaulty(t *testing.T) []Finding {
	t.Helper()
	c, err := render.Load(faulty)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Workspace(context.Background(), c, faulty, Options{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestWorkspaceRules(t *testing.T) {
	fs := lintFaulty(t)
	tests := []struct {
		name       string
		rule       string
		sev        Severity
		at         string // file:line:col, or file for the whole file
		message    string
		recipients []string
	}{
		{"slot without fallback", "slot-fallback", Error, "modules/note/", `slot "note" has no fallback`, nil},
		{"shadowed module", "module-unreachable", Warning, "modules/hero/vip-copy.html:2:11", "hero/vip (priority 20) is tried first", nil},
		{"module past its end date", "module-unreachable", Warning, "modules/hero/expired.html:2:11", "it ended on 2020-01-01", nil},
		{"module no fixture gets", "module-unexercised", Info, "modules/hero/lapsed.html:2:11", "no fixture recipient gets module hero/lapsed", nil},
		{"segment nothing reads", "segment-untargeted", Info, "segments.yaml:7:11", "segment unused is not targeted", nil},
		{"token in the email", "token-no-fallback", Warning, "templates/promo.html:6:41", "{{ .Profile.first_name }} has no fallback", []string{"b"}},
		{"token in a module, only its recipients", "token-no-fallback", Warning, "modules/hero/vip.html:5:9", "{{ .Profile.nickname }}", []string{"b"}},
		{"token in the subject", "token-no-fallback", Warning, "templates/promo.html:2:1", "{{ .Profile.first_name }}", []string{"b"}},
		{"token inside a class", "token-no-fallback", Warning, "templates/promo.html:6:17", "{{ .Profile.tier }}", []string{"a", "b", "c"}},
		{"class from data", "class-from-data", Warning, "templates/promo.html:6:17", "({{ .Profile.tier }})", nil},
		{"conditional comment in the source", "outlook-conditional-unbalanced", Error, "templates/promo.html:10:1", "<!--[if !mso]> is never closed", nil},
		{"conditional comment, rendered, traced", "mso-conditional", Error, "templates/promo.html:10:1", "<!--[if !mso]> is never closed", []string{"a", "b"}},
		{"fixture that fails to render", "render", Error, "testdata/recipients/c.json:1", `slot "note": no module matches`, []string{"c"}},
		{"rendered finding traced to its module", "img-alt", Error, "modules/hero/vip.html:6:1", "alt", []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range fs {
				if f.Rule == tt.rule && position(f) == tt.at && strings.Contains(f.Message, tt.message) {
					if f.Severity != tt.sev || !slices.Equal(f.Recipients, tt.recipients) {
						t.Errorf("got %s with recipients %v, want %s with %v", f.Severity, f.Recipients, tt.sev, tt.recipients)
					}
					return
				}
			}
			t.Errorf("no %s finding at %s with %q; got:\n%s", tt.rule, tt.at, tt.message, dump(fs))
		})
	}
}

// TestWorkspaceNoFalseAlarms checks what must not be reported in the
// faulty workspace: guarded and defaulted tokens, targeted segments,
// fallbacks and modules that fixtures get.
func TestWorkspaceNoFalseAlarms(t *testing.T) {
	for _, f := range lintFaulty(t) {
		switch {
		case f.Rule == "token-no-fallback" && (strings.Contains(f.Message, "city") || strings.Contains(f.Message, `"x"`)):
			t.Errorf("guarded or defaulted token reported: %s", f.Message)
		case f.Rule == "segment-untargeted" && !strings.Contains(f.Message, "unused"):
			t.Errorf("targeted segment reported: %s", f.Message)
		case strings.HasPrefix(f.Rule, "module-") && (strings.Contains(f.File, "default") || strings.HasSuffix(f.File, "hero/vip.html")):
			t.Errorf("reachable module reported: %+v", f)
		}
	}
}

// TestShopWorkspace pins what the example workspace must give: no
// errors, and every finding placed in a workspace file.
func TestShopWorkspace(t *testing.T) {
	fsys := shop.FS()
	c, err := render.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Workspace(context.Background(), c, fsys, Options{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) == 0 {
		t.Fatal("no findings at all")
	}
	for _, f := range fs {
		if f.Severity == Error {
			t.Errorf("error in the example: %s", dump([]Finding{f}))
		}
		if _, err := fsys.Open(strings.TrimSuffix(f.File, "/")); err != nil {
			t.Errorf("finding not placed in a workspace file: %+v", f)
		}
	}
}

func TestWorkspaceUnknownClient(t *testing.T) {
	c, err := render.Load(faulty)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Workspace(context.Background(), c, faulty, Options{Clients: []string{"lotus-notes"}}, time.Time{})
	if err == nil || !strings.Contains(err.Error(), `unknown client "lotus-notes"`) {
		t.Errorf("got %v, want an unknown client error", err)
	}
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(position(f) + " " + f.Rule + ": " + f.Message + " " + strings.Join(f.Recipients, ",") + "\n")
	}
	return b.String()
}
