package render_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/amp/validator"
	"github.com/tailor-email/tailor/amp/validator/official"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/message"
	tmime "github.com/tailor-email/tailor/mime"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
)

// ampEmail is the example's email with an AMP part.
const ampEmail = "picks"

func loadShop(t testing.TB) *render.Campaign {
	t.Helper()
	c, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func shopFixtures(t testing.TB) []recipients.Record {
	t.Helper()
	recs, err := recipients.Fixtures(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// renderAMP renders the example's AMP email for every fixture.
func renderAMP(t *testing.T) []*render.Message {
	c := loadShop(t)
	var out []*render.Message
	for _, r := range shopFixtures(t) {
		m, err := c.Render(context.Background(), render.Request{Email: ampEmail, Profile: r.Profile})
		if err != nil {
			t.Fatalf("%s: %v", r.Where(), err)
		}
		out = append(out, m)
	}
	return out
}

// TestExampleAMPParts renders every fixture of the example's AMP email:
// each gets an AMP part that the Go validator passes, that loads the
// runtime and exactly the extensions it uses, and the official validator
// passes them all (in CI; it skips elsewhere unless TAILOR_AMP_VALIDATOR
// is set).
func TestExampleAMPParts(t *testing.T) {
	t.Parallel() // the official validator takes seconds to start
	docs := map[string][]byte{}
	carousels := 0
	for _, m := range renderAMP(t) {
		if m.AMP == "" || m.AMPDropped != "" {
			t.Errorf("%s: AMP part dropped: %s", m.ID, m.AMPDropped)
			continue
		}
		if res := validator.Validate([]byte(m.AMP)); !res.Pass {
			t.Errorf("%s: Go validator: %s", m.ID, res.Summary())
		}
		for _, want := range []string{"<html ⚡4email data-css-strict", "<style amp4email-boilerplate>", "<style amp-custom>",
			`custom-element="amp-carousel"`, `custom-element="amp-list"`, `custom-template="amp-mustache"`, "<amp-list ", "{{name}}"} {
			if !strings.Contains(m.AMP, want) {
				t.Errorf("%s: AMP part has no %s", m.ID, want)
			}
		}
		if strings.Contains(m.AMP, "!important") || strings.Contains(m.AMP, "<img") || len(m.AMP) > 200000 {
			t.Errorf("%s: AMP part has !important, an <img> or is over 200,000 bytes", m.ID)
		}
		if strings.Contains(m.AMP, "<amp-carousel") {
			carousels++
		}
		if m.HTML == "" || strings.Contains(m.HTML, "<amp-") {
			t.Errorf("%s: HTML part missing or has AMP markup", m.ID)
		}
		docs[m.ID] = []byte(m.AMP)
	}
	if carousels == 0 {
		t.Error("no fixture got an amp-carousel")
	}
	official.ValidateDocs(t, docs)
}

// TestAMPEmailMIMEOrder writes an example message with an AMP part as
// .eml and reads it back: text/plain, text/x-amp-html, text/html, in
// that order.
func TestAMPEmailMIMEOrder(t *testing.T) {
	m := renderAMP(t)[0]
	var buf bytes.Buffer
	if err := tmime.Write(&buf, message.MIME(m)); err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", mt, err)
	}
	r := multipart.NewReader(msg.Body, params["boundary"])
	var got []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		body, _ := io.ReadAll(p)
		if ct == "text/x-amp-html" && !bytes.Contains(body, []byte("amp4email")) {
			t.Errorf("the text/x-amp-html part is not the AMP document")
		}
		got = append(got, ct)
	}
	if want := "text/plain text/x-amp-html text/html"; strings.Join(got, " ") != want {
		t.Errorf("parts %v, want %s", got, want)
	}
}

// BenchmarkAMP renders the example's AMP email over the fixtures with and
// without the per-recipient validation, and the HTML-only newsletter for
// comparison. The -varied runs render profiles whose every value differs
// (ids, names, product links and images), so that no value is the one a
// shape was proven with; -each validates every part in full, as amp:
// {validate: each} does.
func BenchmarkAMP(b *testing.B) {
	recs := shopFixtures(b)
	fixtures := make([]segment.Profile, len(recs))
	for i, r := range recs {
		fixtures[i] = r.Profile
	}
	varied := variedProfiles(b, fixtures, 1000)
	c := loadShop(b)
	unvalidated, err := render.Load(shop.FS(), render.WithoutAMPValidation())
	if err != nil {
		b.Fatal(err)
	}
	each := loadShop(b)
	render.ValidateAMPEach(each)
	run := func(b *testing.B, c *render.Campaign, email string, profiles []segment.Profile) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := c.Render(context.Background(), render.Request{Email: email, Profile: profiles[i%len(profiles)]}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("amp-validated", func(b *testing.B) { run(b, c, ampEmail, fixtures) })
	b.Run("amp-unvalidated", func(b *testing.B) { run(b, unvalidated, ampEmail, fixtures) })
	b.Run("newsletter-html-only", func(b *testing.B) { run(b, c, "newsletter", fixtures) })
	b.Run("amp-validated-varied", func(b *testing.B) { run(b, c, ampEmail, varied) })
	b.Run("amp-unvalidated-varied", func(b *testing.B) { run(b, unvalidated, ampEmail, varied) })
	b.Run("amp-each-varied", func(b *testing.B) { run(b, each, ampEmail, varied) })
}

// variedProfiles makes n profiles from the fixtures, each with its own
// id, first name, and product names, links and images.
func variedProfiles(b *testing.B, fixtures []segment.Profile, n int) []segment.Profile {
	out := make([]segment.Profile, n)
	for i := range out {
		raw, err := json.Marshal(fixtures[i%len(fixtures)])
		if err != nil {
			b.Fatal(err)
		}
		var p segment.Profile
		if err := json.Unmarshal(raw, &p); err != nil {
			b.Fatal(err)
		}
		p["id"] = fmt.Sprintf("v-%d", i)
		p["first_name"] = fmt.Sprintf("Name%d", i)
		recs, _ := p["recommendations"].([]any)
		for j, r := range recs {
			m := r.(map[string]any)
			m["name"] = fmt.Sprintf("Product %d-%d", i, j)
			m["url"] = fmt.Sprintf("https://shop.example/p/%d-%d?ref=a&b=%d", i, j, j)
			m["image"] = fmt.Sprintf("https://shop.example/img/%d-%d.jpg", i, j)
		}
		out[i] = p
	}
	return out
}
