package render_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/render"
)

// TestExecutorSameAsHTMLTemplate renders synthetic recipients for every
// example email with the executor and with html/template and text/template
// (the reference path), and requires every part to be byte-identical. The
// profiles go through JSON, as recipients from a file do, and every other
// one is also rendered as synth makes it (typed lists).
func TestExecutorSameAsHTMLTemplate(t *testing.T) {
	fast, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	slow, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	render.ReferencePath(slow)
	n := 2000
	if testing.Short() {
		n = 200
	}
	for i := range n {
		p := synth.Profile(i, synth.Now)
		profiles := []map[string]any{roundTrip(t, p)}
		if i%2 == 0 {
			profiles = append(profiles, p)
		}
		for _, email := range fast.Emails() {
			for _, p := range profiles {
				req := render.Request{Email: email, Profile: p}
				a, errA := fast.Render(context.Background(), req)
				b, errB := slow.Render(context.Background(), req)
				if d := diffMessages(a, errA, b, errB); d != "" {
					t.Fatalf("recipient %d, %s: %s", i, email, d)
				}
			}
		}
	}
}

func roundTrip(t *testing.T, p map[string]any) map[string]any {
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// diffMessages says how two renders differ, or "".
func diffMessages(a *render.Message, errA error, b *render.Message, errB error) string {
	if fmt.Sprint(errA) != fmt.Sprint(errB) {
		return fmt.Sprintf("error %v, want %v", errA, errB)
	}
	if errA != nil {
		return ""
	}
	parts := []struct{ name, got, want string }{
		{"subject", a.Subject, b.Subject}, {"preheader", a.Preheader, b.Preheader},
		{"unsubscribe", a.Unsubscribe, b.Unsubscribe}, {"html", a.HTML, b.HTML},
		{"text", a.Text, b.Text}, {"amp", a.AMP, b.AMP}, {"amp dropped", a.AMPDropped, b.AMPDropped},
	}
	for _, p := range parts {
		if p.got != p.want {
			return fmt.Sprintf("%s differs:\n got %q\nwant %q", p.name, p.got, p.want)
		}
	}
	return ""
}
