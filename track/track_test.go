package track_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/track"
)

// workspace is a one-email workspace whose body has a link the link
// helper makes and one it does not, with tailor.yaml's extra lines.
func workspace(extra string) fstest.MapFS {
	return fstest.MapFS{
		"tailor.yaml": {Data: []byte("name: shop\nfrom: \"Shop <news@shop.example>\"\nnow: \"2026-12-01T09:00:00Z\"\n" +
			"unsubscribe: \"https://mail.shop.example/u?id={{ .Profile.id }}\"\nutm: {source: tailor}\n" + extra)},
		"templates/layouts/base.html": {Data: []byte("<html><body>{{ template \"content\" . }}</body></html>\n")},
		"templates/mail.html": {Data: []byte("---\nsubject: Hi\n---\n<a href=\"{{ link \"https://shop.example/sale?x=1&y=2\" \"hero\" }}\">Sale</a>" +
			"<a href=\"https://shop.example/plain\">Plain</a>{{ .Slots.main }}\n")},
		"templates/mail.txt":      {Data: []byte("Sale: {{ link \"https://shop.example/sale?x=1&y=2\" \"hero\" }}\n")},
		"modules/main/plain.html": {Data: []byte("---\n---\n<p>Hello</p>\n")},
	}
}

func load(t *testing.T, extra string) (*render.Campaign, track.Settings) {
	t.Helper()
	c, err := render.Load(workspace(extra))
	if err != nil {
		t.Fatal(err)
	}
	s, err := track.FromConfig(c.Config)
	if err != nil {
		t.Fatal(err)
	}
	return c, s
}

func signer(t *testing.T) *track.Signer {
	sg, err := track.NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	return &sg
}

const target = "https://shop.example/sale?utm_content=hero&utm_source=tailor&x=1&y=2"

// TestTrackedMessage: with tracking on, the link helper's link becomes
// the message's signed redirect to the URL it made (in the HTML, its
// JSON form and the text), the other link is left alone, and the HTML
// ends with the signed open pixel.
func TestTrackedMessage(t *testing.T) {
	c, s := load(t, "tracking: {}\n")
	if !s.On() || s.Base != "https://mail.shop.example" {
		t.Fatalf("settings %+v", s)
	}
	sg := signer(t)
	var htmlJSON []byte
	r := track.Tracked(c, s, sg)
	m, err := r.Render(context.Background(), render.Request{Email: "mail", Profile: segment.Profile{"id": "ana", "email": "ana@example.com"}, HTMLJSON: &htmlJSON})
	if err != nil {
		t.Fatal(err)
	}
	mid := message.ID(m)
	want := sg.ClickURL(s.Base, mid, target)
	html := string(htmlJSON)
	if !strings.Contains(html, `href=\"`+want) && !strings.Contains(html, `href="`+strings.ReplaceAll(want, "&", "&amp;")) {
		t.Errorf("HTML JSON %s\nhas no link to %s", html, want)
	}
	if !strings.Contains(html, "https://shop.example/plain") || strings.Count(html, "/t/c/") != 1 {
		t.Errorf("HTML JSON %s: want only the link helper's link tracked", html)
	}
	if !strings.Contains(m.Text, want) {
		t.Errorf("text %q has no %s", m.Text, want)
	}
	pixel := sg.OpenURL(s.Base, mid)
	if !regexp.MustCompile(`<img src='` + regexp.QuoteMeta(pixel) + `' width='1' height='1'[^>]*></body>`).MatchString(html) {
		t.Errorf("HTML JSON %s\nhas no pixel %s before </body>", html, pixel)
	}
	u, err := url.Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(strings.TrimPrefix(u.Path, track.ClickPath), "/")
	if len(parts) != 2 || !sg.ValidClick(parts[0], parts[1], u.Query().Get("u")) || u.Query().Get("u") != target {
		t.Errorf("click URL %s: parts %q do not check", want, parts)
	}
}

// TestUntracked: without a signer (no store) the link helper's links
// go straight to their URL and there is no pixel; with tracking off the
// link helper writes the URL as always.
func TestUntracked(t *testing.T) {
	for _, extra := range []string{"tracking: {}\n", ""} {
		c, s := load(t, extra)
		m, err := track.Tracked(c, s, nil).Render(context.Background(), render.Request{Email: "mail", Profile: segment.Profile{"id": "ana"}})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(m.HTML+m.Text, "/t/") || !strings.Contains(m.Text, target) || !strings.Contains(strings.ReplaceAll(m.HTML, "&amp;", "&"), target) {
			t.Errorf("tailor.yaml %q: html %s\ntext %s", extra, m.HTML, m.Text)
		}
	}
}

// TestForgedClicksRefused: a click URL checks only with the message and
// target it was signed for, under the key that signed it.
func TestForgedClicksRefused(t *testing.T) {
	sg := signer(t)
	sig := strings.Split(strings.TrimPrefix(strings.Split(sg.ClickURL("https://m.example", "a@x", target), "?")[0], "https://m.example"+track.ClickPath), "/")[1]
	if !sg.ValidClick("a@x", sig, target) {
		t.Fatal("the signed click does not check")
	}
	other, _ := track.NewSigner([]byte("another key of 16+ bytes"))
	for name, ok := range map[string]bool{
		"another target":  sg.ValidClick("a@x", sig, "https://evil.example/"),
		"a longer target": sg.ValidClick("a@x", sig, target+"&next=https://evil.example/"),
		"another message": sg.ValidClick("b@x", sig, target),
		"another key":     other.ValidClick("a@x", sig, target),
		"no signature":    sg.ValidClick("a@x", "", target),
		"an open's":       sg.ValidClick("a@x", strings.TrimSuffix(strings.Split(sg.OpenURL("", "a@x"), "/")[4], ".gif"), target),
	} {
		if ok {
			t.Errorf("%s checks", name)
		}
	}
}

func TestSettings(t *testing.T) {
	c, s := load(t, "tracking: {opens: false, conversion: order, window: 3d, base: \"https://t.example/\"}\n")
	if s.Opens || !s.Clicks || s.Conversion != "order" || s.Window != 72*time.Hour || s.Base != "https://t.example" {
		t.Errorf("settings %+v", s)
	}
	if c.Config.ClickPrefix() != "https://t.example/t/c/tailor-link?u=" {
		t.Errorf("click prefix %q", c.Config.ClickPrefix())
	}
	if _, s := load(t, ""); s.On() || s.Conversion != "purchase" || s.Window != track.DefaultWindow {
		t.Errorf("no tracking: section: %+v", s)
	}
	for _, bad := range []string{"window: 0d", "window: soon", "window: -1h"} {
		c, err := render.Load(workspace("tracking: {" + bad + "}\n"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := track.FromConfig(c.Config); err == nil || !strings.Contains(err.Error(), "tailor.yaml:") {
			t.Errorf("%s: %v, want an error at its place", bad, err)
		}
	}
}

// TestTrackedExample renders every fixture of the example, tracked,
// with the HTML and AMP parts in JSON form as a batch asks: no wrapped
// link is left unsigned in any part, and each AMP part's links are the
// message's redirects.
func TestTrackedExample(t *testing.T) {
	ws := fstest.MapFS{}
	err := fs.WalkDir(shop.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(shop.FS(), p)
		ws[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ws["tailor.yaml"].Data = append(ws["tailor.yaml"].Data, "\ntracking: {base: \"https://t.example\"}\n"...)
	c, err := render.Load(ws)
	if err != nil {
		t.Fatal(err)
	}
	s, err := track.FromConfig(c.Config)
	if err != nil {
		t.Fatal(err)
	}
	fixtures, err := fs.Glob(ws, "testdata/recipients/*.json")
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("fixtures: %v %v", fixtures, err)
	}
	amps := 0
	for _, f := range fixtures {
		for _, email := range c.Emails() {
			var p segment.Profile
			if err := json.Unmarshal(ws[f].Data, &p); err != nil {
				t.Fatal(err)
			}
			var html, amp []byte
			m, err := track.Tracked(c, s, signer(t)).Render(context.Background(), render.Request{Email: email, Profile: p, HTMLJSON: &html, AMPJSON: &amp})
			if err != nil {
				t.Fatal(err)
			}
			all := string(html) + string(amp) + m.Text + m.HTML + m.AMP
			if strings.Contains(all, "tailor-link") || !strings.Contains(string(html)+m.HTML, "https://t.example/t/c/"+message.ID(m)+"/") {
				t.Errorf("%s: a link left wrapped, or none tracked:\n%s", f, all)
			}
			if a := string(amp) + m.AMP; strings.Contains(a, "href") {
				amps++
				if !strings.Contains(a, "https://t.example/t/c/"+message.ID(m)+"/") {
					t.Errorf("%s: AMP part without tracked links: %s", f, a)
				}
			}
		}
	}
	if amps == 0 {
		t.Error("no fixture has an AMP part with links")
	}
}
