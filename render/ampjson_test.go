package render_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
)

// encodeJSON is s as encoding/json writes it with SetEscapeHTML(false).
func encodeJSON(t testing.TB, s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// hostileProfiles are recipients whose values the escapers and the AMP
// guards change, or that are not valid UTF-8.
func hostileProfiles() []segment.Profile {
	return []segment.Profile{
		{"id": "q", "email": "q@example.com", "first_name": `O'Brien + "Zoë" <b>&amp;</b> \ ` + "\u2028\n\t"},
		{"id": "b", "email": "b@example.com", "first_name": "{{name}} }} {{", "last_name": `<script async src="https://cdn.ampproject.org/v0.js"></script>`},
		{"id": "u", "email": "u@example.com", "first_name": "bad \xc3 utf8 \xa9 \xff"},
		{"id": "s", "email": "s@example.com", "first_name": "\xc3", "last_name": "\xa9"},
	}
}

// checkAMPJSON renders p's email without and with Request.AMPJSON (and
// HTMLJSON) and requires what Render appended to be encoding/json's bytes
// for the AMP part rendered without it, after what the buffer held; then
// Message.AMP is empty. When nothing is appended (no AMP part, or a value
// not valid UTF-8), Message.AMP holds the part as without AMPJSON. The
// rest of the message is the same.
func checkAMPJSON(t testing.TB, c *render.Campaign, email string, p segment.Profile) {
	plain, err := c.Render(context.Background(), render.Request{Email: email, Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	amp, html := []byte("before "), []byte("html ")
	m, err := c.Render(context.Background(), render.Request{Email: email, Profile: p, AMPJSON: &amp, HTMLJSON: &html})
	if err != nil {
		t.Fatal(err)
	}
	got := string(amp[len("before "):])
	switch {
	case string(amp[:len("before ")]) != "before ":
		t.Fatalf("%s %v: the buffer's first bytes changed: %.40q", email, p["id"], amp)
	case got == "":
		if m.AMP != plain.AMP {
			t.Errorf("%s %v: nothing appended, and the AMP part %.100q differs from %.100q", email, p["id"], m.AMP, plain.AMP)
		}
	case plain.AMP == "":
		t.Errorf("%s %v: appended %.100s for a message without an AMP part (%s)", email, p["id"], got, plain.AMPDropped)
	case got != encodeJSON(t, plain.AMP):
		t.Errorf("%s %v: appended JSON differs from the AMP part's\n got %.300s\nwant %.300s", email, p["id"], got, encodeJSON(t, plain.AMP))
	case m.AMP != "":
		t.Errorf("%s %v: appended the JSON form and kept Message.AMP too", email, p["id"])
	}
	if m.AMPDropped != plain.AMPDropped || m.Text != plain.Text || m.Subject != plain.Subject {
		t.Errorf("%s %v: with AMPJSON, the other parts differ (dropped %q, want %q)", email, p["id"], m.AMPDropped, plain.AMPDropped)
	}
}

// TestAMPJSONIsTheAMPEscaped: what Render appends for Request.AMPJSON,
// while it writes the AMP part (its modules' JSON forms kept for the
// document, the extensions' scripts put in), is byte for byte the AMP part
// encoding/json writes, for every email of the example and recipients of
// every archetype, with hostile values; a part with a value not valid
// UTF-8 is kept in Message.AMP instead, and a dropped part appends nothing.
func TestAMPJSONIsTheAMPEscaped(t *testing.T) {
	c, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	profiles := hostileProfiles()
	for i := range 3 * len(synth.Archetypes) {
		profiles = append(profiles, synth.Profile(i, synth.Now))
	}
	appended := 0
	for _, p := range profiles {
		for _, email := range c.Emails() {
			checkAMPJSON(t, c, email, p)
			var buf []byte
			if m, err := c.Render(context.Background(), render.Request{Email: email, Profile: p, AMPJSON: &buf}); err == nil && m.AMP == "" && len(buf) > 0 {
				appended++
			}
		}
	}
	if appended < len(synth.Archetypes) {
		t.Errorf("only %d renders appended an AMP part in JSON form: the test checks too little", appended)
	}
}

// FuzzAMPJSON holds the AMP part's JSON form, made as it renders, to
// encoding/json's of the finished part, for any first and last name.
func FuzzAMPJSON(f *testing.F) {
	c, err := render.Load(shop.FS())
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range hostileProfiles() {
		f.Add(p["first_name"].(string), p["email"].(string), 3)
	}
	f.Fuzz(func(t *testing.T, name, email string, seed int) {
		p := synth.Profile(seed&0xff, synth.Now)
		p["first_name"], p["last_name"] = name, email
		for _, e := range c.Emails() {
			checkAMPJSON(t, c, e, p)
		}
	})
}
