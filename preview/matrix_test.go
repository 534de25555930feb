package preview_test

import (
	"net/url"
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

// TestEditErrorLine: a malformed profile edit is refused at the line and
// column of its mistake, shown with that line in the banner at the top.
func TestEditErrorLine(t *testing.T) {
	h, _ := newHandler(t)
	token := csrfOf(t, h)
	res, body := do(t, h, "POST", "/email/newsletter/r/c-1001/edit",
		url.Values{"csrf": {token}, "profile": {"{\n  \"id\": \"c-1001\",\n  bad: 2\n}"}}, nil)
	if res.StatusCode != 400 || !strings.Contains(body, "profile:3:3: malformed JSON") {
		t.Fatalf("status %d; body lacks profile:3:3:\n%.2000s", res.StatusCode, body)
	}
	note := regexp.MustCompile(`(?s)<div class="note note-error" id="edit-error" role="alert".*?</div>`).FindString(body)
	if !strings.Contains(note, `<span class="src-line bad"><span class="ln" aria-hidden="true">3</span>  bad: 2</span>`) {
		t.Errorf("the banner does not show line 3:\n%s", note)
	}
	if strings.Index(body, `id="edit-error"`) > strings.Index(body, `class="crumbs"`) {
		t.Error("the error is not at the top of the page")
	}
}

// TestRuleErrorsShown: a rule that cannot evaluate for the recipient is
// listed at the top of their page, with its segments.yaml line.
func TestRuleErrorsShown(t *testing.T) {
	recs := []recipients.Record{{Source: "people.jsonl", Line: 1,
		Profile: map[string]any{"id": "odd", "email": "odd@example.com", "churn_risk": "high"}}}
	h, _ := newHandler(t, func(o *preview.Options) { o.Recipients = recs })
	_, body := do(t, h, "GET", "/email/newsletter/r/odd", nil, nil)
	note := regexp.MustCompile(`(?s)<div class="note note-warn" id="rule-errors".*?</div>`).FindString(body)
	if !strings.Contains(note, "segments.yaml:") || !strings.Contains(note, "churn_risk") || !strings.Contains(note, `class="src-line bad"`) {
		t.Errorf("the page does not show the rule error with its line:\n%s", note)
	}
}
