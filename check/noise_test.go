package check

import (
	"strings"
	"testing"
)

// slugs returns the client-support rules among fs, with the clients of each.
func slugs(fs []Finding) map[string][]string {
	out := map[string][]string{}
	for _, f := range fs {
		if strings.HasPrefix(f.Rule, "caniemail/") {
			out[f.Rule] = f.Clients
		}
	}
	return out
}

// TestLayeredPreheaderIsQuiet: the preheader tailor writes hides itself
// several ways at once, so its declarations (max-height, opacity,
// overflow) are not client-support findings; the same declarations on
// a visible element, or on a preheader hidden one way only, still are.
func TestLayeredPreheaderIsQuiet(t *testing.T) {
	const pre = `<div style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all">Preview text</div>`
	doc := func(body string) string {
		return `<html lang="en"><head><title>t</title></head><body>` + body +
			`<p>Hello <a href="https://example.com/unsubscribe">Unsubscribe</a></p></body></html>`
	}
	quiet := slugs(lint(t, doc(pre), Options{}))
	for _, s := range []string{"caniemail/css-max-height", "caniemail/css-opacity", "caniemail/css-overflow"} {
		if _, ok := quiet[s]; ok {
			t.Errorf("layered preheader: %s reported", s)
		}
	}
	visible := slugs(lint(t, doc(pre+`<p style="max-height:40px;opacity:0.9;overflow:hidden">x</p>`), Options{}))
	for _, s := range []string{"caniemail/css-max-height", "caniemail/css-opacity", "caniemail/css-overflow"} {
		if _, ok := visible[s]; !ok {
			t.Errorf("visible element: %s not reported", s)
		}
	}
	single := slugs(lint(t, doc(`<div style="max-height:0;overflow:hidden">Preview text</div>`), Options{}))
	if _, ok := single["caniemail/css-max-height"]; !ok {
		t.Error("preheader hidden one way only: css-max-height not reported")
	}
}

// TestHeightAutoIsQuiet: height:auto is the initial value, so css-height
// does not fire on it (inline or in a style sheet); a length still does.
func TestHeightAutoIsQuiet(t *testing.T) {
	for _, tt := range []struct {
		name, doc string
		want      bool
	}{
		{"inline auto", `<img src="https://e.example/a.png" alt="" style="height:auto">`, false},
		{"sheet auto", `<style>.a img { height: AUTO; }</style><img class="a" src="https://e.example/a.png" alt="">`, false},
		{"inline length", `<img src="https://e.example/a.png" alt="" style="height:40px">`, true},
	} {
		_, got := slugs(lint(t, `<html lang="en"><body>`+tt.doc+`</body></html>`, Options{}))["caniemail/css-height"]
		if got != tt.want {
			t.Errorf("%s: css-height reported %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestDoctypeNoImpact: caniemail says the HTML5 doctype has "no impact"
// in Outlook for Windows, so that client is left out of the finding;
// a client without such a note (Samsung Email) stays in it.
func TestDoctypeNoImpact(t *testing.T) {
	doc := `<!DOCTYPE html><html lang="en"><body><p>x</p></body></html>`
	clients, ok := slugs(lint(t, doc, Options{Clients: []string{"outlook.windows", "samsung-email.android"}}))["caniemail/html-doctype"]
	if !ok || strings.Join(clients, ",") != "samsung-email.android" {
		t.Errorf("html-doctype clients %v (reported %v), want [samsung-email.android]", clients, ok)
	}
	if _, ok := slugs(lint(t, doc, Options{Clients: []string{"outlook.windows"}}))["caniemail/html-doctype"]; ok {
		t.Error("html-doctype reported for Outlook Windows alone")
	}
}
