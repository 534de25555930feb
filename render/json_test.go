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

// TestHTMLJSONIsTheHTMLEscaped renders recipients with Request.HTMLJSON
// and checks that what Render appends, while it writes the HTML, is byte
// for byte the HTML escaped afterwards: for every email and module, with
// values the escapers change (' and + come back from html/template's
// entities), and after what the buffer held already. With invalid UTF-8 in
// a value nothing is appended.
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
			buf := []byte("before ")
			m, err := c.Render(context.Background(), render.Request{Email: email, Profile: p, HTMLJSON: &buf})
			if err != nil {
				t.Fatal(err)
			}
			want := "before "
			if valid {
				want += string(jsonstr.Append(nil, m.HTML))
			}
			if string(buf) != want {
				t.Fatalf("%s %v: appended JSON differs from the HTML's\n got %.300s\nwant %.300s", email, p["id"], buf, want)
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
