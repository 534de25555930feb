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

// TestKeptJSONIsTheHTMLsJSON renders recipients with KeepJSON and checks
// that the JSON form kept while writing is byte for byte the HTML escaped
// afterwards: for every module, with values the escapers change (' and +
// come back from html/template's entities), with invalid UTF-8 (the kept
// form is dropped), and on a second call, which escapes the HTML again.
func TestKeptJSONIsTheHTMLsJSON(t *testing.T) {
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
		for _, email := range c.Emails() {
			m, err := c.Render(context.Background(), render.Request{Email: email, Profile: p, KeepJSON: true})
			if err != nil {
				t.Fatal(err)
			}
			if kept, valid := render.KeptJSON(m), p["id"] != "u" && p["id"] != "s"; kept != valid {
				t.Errorf("%s %v: JSON form kept %v, want %v", email, p["id"], kept, valid)
			}
			want := string(jsonstr.Append(nil, m.HTML))
			if got := string(m.AppendHTMLJSON(nil)); got != want {
				t.Fatalf("%s %v: kept JSON differs from the HTML's\n got %.300s\nwant %.300s", email, p["id"], got, want)
			}
			if again := string(m.AppendHTMLJSON(nil)); again != want {
				t.Fatalf("%s %v: second call differs", email, p["id"])
			}
			m2, _ := c.Render(context.Background(), render.Request{Email: email, Profile: p, KeepJSON: true})
			m2.HTML = "<p>replaced</p>"
			if got := string(m2.AppendHTMLJSON(nil)); got != `"<p>replaced</p>"` {
				t.Fatalf("%s %v: HTML replaced after the render, AppendHTMLJSON gave %.200s", email, p["id"], got)
			}
		}
	}
}
