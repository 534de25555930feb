package render_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/render"
)

// TestWithUnsubscribeURL: the copy's messages carry the given URL in the
// header and where the templates print .Unsubscribe; the campaign it was
// made from keeps tailor.yaml's.
func TestWithUnsubscribeURL(t *testing.T) {
	c := loadShop(t)
	signed := c.WithUnsubscribeURL(func(id string) string { return "https://mail.example/v1/unsubscribe?id=" + id + "&sig=abc" })
	p := shopFixtures(t)[0].Profile
	ctx := context.Background()
	plain, err := c.Render(ctx, render.Request{Email: "newsletter", Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	got, err := signed.Render(ctx, render.Request{Email: "newsletter", Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	want := "https://mail.example/v1/unsubscribe?id=" + got.ID + "&sig=abc"
	if got.Unsubscribe != want {
		t.Errorf("Unsubscribe = %q, want %q", got.Unsubscribe, want)
	}
	if !strings.Contains(got.HTML, strings.ReplaceAll(want, "&", "&amp;")) {
		t.Errorf("the HTML does not link the signed URL %s", want)
	}
	if plain.Unsubscribe == want || !strings.Contains(plain.Unsubscribe, "shop.example/unsubscribe") {
		t.Errorf("the original campaign's URL changed: %q", plain.Unsubscribe)
	}
}
