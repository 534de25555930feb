package render_test

import (
	"context"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/internal/jsonstr"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
)

// TestHTMLJSONIsTheHTMLEscaped renders recipients with and without
// Request.HTMLJSON and checks that what Render appends, while it writes the
// HTML, is byte for byte the HTML escaped: for every email and module, with
// values the escapers change (' and + come back from html/template's
// entities), and after what the buffer held already; Message.HTML is then
// empty. With invalid UTF-8 in a value nothing is appended and
// Message.HTML holds the part.
func TestHTMLJSONIsTheHTMLEscaped(t *testing.T) {
	c, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	var profiles []segment.Profile
	for i := range 3 * len(synth.Archetypes) {
		profiles = append(profiles, synth.Profile(i, synth.Now))
	}
	profiles = append(profiles,
		segment.Profile{"id": "q", "email": "q@example.com", "first_name": `O'Brien + "Zoë" <b>&amp;</b> \ ` + "\u2028\n\t"},
		segment.Profile{"id": "u", "email": "u@example.com", "first_name": "bad \xc3 utf8 \xa9 \xff"},
		segment.Profile{"id": "s", "email": "s@example.com", "first_name": "\xc3", "last_name": "\xa9"},
	)
	for _, p := range profiles {
		valid := p["id"] != "u" && p["id"] != "s"
		for _, email := range c.Emails() {
			plain, err := c.Render(context.Background(), render.Request{Email: email, Profile: p})
			if err != nil {
				t.Fatal(err)
			}
			buf := []byte("before ")
			m, err := c.Render(context.Background(), render.Request{Email: email, Profile: p, HTMLJSON: &buf})
			if err != nil {
				t.Fatal(err)
			}
			want, wantHTML := "before ", plain.HTML
			if valid {
				want, wantHTML = want+string(jsonstr.Append(nil, plain.HTML)), ""
			}
			if string(buf) != want {
				t.Fatalf("%s %v: appended JSON differs from the HTML's\n got %.300s\nwant %.300s", email, p["id"], buf, want)
			}
			if m.HTML != wantHTML || m.Text != plain.Text || m.Subject != plain.Subject {
				t.Errorf("%s %v: with HTMLJSON, HTML %.100q (want %.100q), or the other parts differ", email, p["id"], m.HTML, wantHTML)
			}
		}
	}
}

// TestHTMLJSONNotAppendedOnFailure checks that a render that fails (here,
// its context has ended) appends nothing: the JSON form is appended only
// once every part is done.
func TestHTMLJSONNotAppendedOnFailure(t *testing.T) {
	c, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf []byte
	if _, err := c.Render(ctx, render.Request{Email: "newsletter", Profile: synth.Profile(1, synth.Now), HTMLJSON: &buf}); err == nil {
		t.Fatal("a render with an ended context succeeded")
	}
	if len(buf) != 0 {
		t.Errorf("a failed render appended %.100s", buf)
	}
}
