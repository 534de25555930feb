package preview_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/recipients"
)

// TestMatrixRenderFailure: a recipient whose email fails to render stays
// in their segment's row and shows the failure in their own row.
func TestMatrixRenderFailure(t *testing.T) {
	recs := []recipients.Record{
		{Source: "people.jsonl", Line: 1, Profile: map[string]any{"id": "ok", "email": "ok@example.com"}},
		{Source: "people.jsonl", Line: 2, Profile: map[string]any{"id": "bad", "email": "bad@example.com",
			"cart_updated_at": "2026-11-01T00:00:00Z", "cart": []any{map[string]any{"name": "Scarf", "price": "not a number"}}}},
	}
	h, _ := newHandler(t, func(o *preview.Options) { o.Recipients = recs })
	_, body := do(t, h, "GET", "/email/newsletter", nil, nil)
	cart := regexp.MustCompile(`(?s)<tr data-segment="abandoned_cart">.*?</tr>`).FindString(body)
	if !strings.Contains(cart, ">bad</a>") || !strings.Contains(cart, `data-size="1"`) {
		t.Errorf("the failing recipient left its segment's row:\n%s", cart)
	}
	none := regexp.MustCompile(`(?s)<tr data-segment="\(none\)">.*?</tr>`).FindString(body)
	if !strings.Contains(none, ">ok</a>") || strings.Contains(none, ">bad</a>") {
		t.Errorf("the no-segment row:\n%s", none)
	}
	bad := regexp.MustCompile(`(?s)<tr data-id="bad">.*?</tr>`).FindString(body)
	if !strings.Contains(bad, "Render failed:") || !strings.Contains(bad, "hero/cart") {
		t.Errorf("the failing recipient's row:\n%s", bad)
	}
}
