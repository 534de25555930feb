package render_test

import (
	"context"
	"encoding/json"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
)

// unsubscribeWorkspace is a one-email workspace with the given
// unsubscribe template.
func unsubscribeWorkspace(unsubscribe string) fstest.MapFS {
	yaml := "name: t\nfrom: \"T <t@example.com>\"\nnow: \"2026-01-01T00:00:00Z\"\nunsubscribe: '" + unsubscribe + "'\n"
	return fstest.MapFS{
		"tailor.yaml":                 {Data: []byte(yaml)},
		"templates/layouts/base.html": {Data: []byte("<html><head></head><body>{{ template \"content\" . }}</body></html>\n")},
		"templates/hello.html":        {Data: []byte("---\nsubject: Hi\n---\n<p><a href=\"{{ .Unsubscribe }}\">Unsubscribe</a></p>\n")},
	}
}

// TestUnsubscribeEscapesValues: what the unsubscribe template prints is
// escaped for its place in the URL, so a value cannot break the URL, add
// a parameter, or make the List-Unsubscribe header invalid.
func TestUnsubscribeEscapesValues(t *testing.T) {
	p := segment.Profile{"id": `a b"c&d=e/f`, "url": "https://x.example/u?a=1 2", "email": "a@example.com"}
	for _, tt := range []struct{ tmpl, want string }{
		{"https://x.example/u?u={{ .Profile.id }}", "https://x.example/u?u=a+b%22c%26d%3De%2Ff"},
		{"https://x.example/u?{{ if .Profile.id }}x=1&{{ end }}u={{ .Profile.id }}", "https://x.example/u?x=1&u=a+b%22c%26d%3De%2Ff"},
		{"https://x.example/u/{{ .Profile.id }}", "https://x.example/u/a%20b%22c&d=e%2Ff"},
		{"{{ .Profile.url }}", "https://x.example/u?a=1%202"},
		{"mailto:{{ .Profile.email }}?subject=unsubscribe%20{{ .Profile.id }}", "mailto:a@example.com?subject=unsubscribe%20a+b%22c%26d%3De%2Ff"},
		{"https://x.example/u?u={{ .Profile.missing }}", "https://x.example/u?u="},
		{`https://x.example/u?u={{ .Profile.id | printf "%.1s" }}`, "https://x.example/u?u=a"},
	} {
		c, err := render.Load(unsubscribeWorkspace(tt.tmpl))
		if err != nil {
			t.Fatalf("%s: %v", tt.tmpl, err)
		}
		m, err := c.Render(context.Background(), render.Request{Email: "hello", Profile: p})
		if err != nil {
			t.Fatalf("%s: %v", tt.tmpl, err)
		}
		if m.Unsubscribe != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.tmpl, m.Unsubscribe, tt.want)
		}
	}
}

// TestRecipientIDKeepsDigits: a numeric ID is its digits, whether the
// profile holds it as text (json.Number, as the recipients package reads
// it) or as an integral float64.
func TestRecipientIDKeepsDigits(t *testing.T) {
	c, err := render.Load(unsubscribeWorkspace("https://x.example/u?u={{ .Profile.id }}"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		id   any
		want string
	}{
		{json.Number("1234567"), "1234567"}, {json.Number("9007199254740993"), "9007199254740993"},
		{1234567.0, "1234567"}, {1.5, "1.5"}, {"c-1", "c-1"}, {true, "true"},
	} {
		if got := c.RecipientID(segment.Profile{"id": tt.id}); got != tt.want {
			t.Errorf("RecipientID(%#v) = %q, want %q", tt.id, got, tt.want)
		}
	}
	m, err := c.Render(context.Background(), render.Request{Email: "hello", Profile: segment.Profile{"id": json.Number("9007199254740993")}})
	if err != nil || m.ID != "9007199254740993" || m.Unsubscribe != "https://x.example/u?u=9007199254740993" {
		t.Errorf("render: %v, %+v", err, m)
	}
}
