package serve

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/message"
)

func TestPurchaseEventMovesBenOutOfAbandonedCart(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	h := s.Handler()
	ben := mustJSON(t, fixture(t, "ben"))

	before := do(h, "POST", "/v1/render", `{"template":"newsletter","profile":`+ben+`}`)
	var m message.JSON
	json.Unmarshal(before.Body.Bytes(), &m)
	if !slices.Contains(m.Segments, "abandoned_cart") || m.Modules["hero"] != "hero/cart" {
		t.Fatalf("before the event: segments %v hero %s, want abandoned_cart and hero/cart", m.Segments, m.Modules["hero"])
	}

	rec := do(h, "POST", "/v1/events/purchase", `{"profile":`+ben+`,"event":{"total":42.5}}`)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var resp EventResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	got := resp.Message
	if !slices.Contains(got.Segments, "recent_purchaser") || slices.Contains(got.Segments, "abandoned_cart") {
		t.Fatalf("after the event: segments %v, want recent_purchaser and no abandoned_cart", got.Segments)
	}
	if got.Modules["hero"] != "hero/new-arrivals" || !strings.Contains(got.HTML, "Thanks for your order on 3 November 2026") {
		t.Fatalf("after the event: hero %s, want hero/new-arrivals thanking for the order of 3 November", got.Modules["hero"])
	}
	if _, ok := resp.Profile["cart"]; ok || resp.Profile["last_purchase_at"] != "2026-11-03T09:00:00Z" {
		t.Fatalf("merged profile: %v", resp.Profile)
	}
	if orders := resp.Profile["orders"].([]any); len(orders) != 2 || orders[1].(map[string]any)["total"] != 42.5 {
		t.Fatalf("orders: %v, want the purchase appended", resp.Profile["orders"])
	}
}

func TestEventErrors(t *testing.T) {
	s, _ := newServer(t, "", Options{Clock: fixedClock(testNow), Getenv: func(k string) string {
		if k == "TEST_EVENT_SECRET" {
			return "s3cret"
		}
		return ""
	}})
	h := s.Handler()
	signedBody := `{"profile":{"id":"c-1"}}`
	tests := []struct {
		name, path, body string
		header           []string
		status           int
		code, field      string
	}{
		{name: "unknown event", path: "/v1/events/refund", body: `{"profile":{}}`, status: 404, code: "unknown_event", field: "name"},
		{name: "malformed", path: "/v1/events/purchase", body: `{"profile":`, status: 400, code: "bad_json"},
		{name: "unknown field", path: "/v1/events/purchase", body: `{"profile":{},"payload":{}}`, status: 400, code: "unknown_field", field: "payload"},
		{name: "no profile", path: "/v1/events/purchase", body: `{"event":{"total":1}}`, status: 400, code: "missing_field", field: "profile"},
		{name: "payload lacks total", path: "/v1/events/purchase", body: `{"profile":{},"event":{}}`, status: 400, code: "bad_event", field: "event"},
		{name: "template fails", path: "/v1/events/boxed", body: `{"profile":{"id":"c-9","cart":[{"name":"hat","price":"abc"}],"cart_updated_at":"2026-10-01T00:00:00Z"}}`, status: 422, code: "render_failed"},
		{name: "no outbox", path: "/v1/events/boxed", body: `{"profile":{"id":"c-1","email":"a@example.com"}}`, status: 503, code: "no_outbox"},
		{name: "unsigned", path: "/v1/events/signed", body: signedBody, status: 401, code: "bad_signature"},
		{name: "bad signature", path: "/v1/events/signed", body: signedBody, header: []string{SignatureHeader, Sign(testNow, []byte(signedBody), "wrong")}, status: 401, code: "bad_signature"},
		{name: "signature of another body", path: "/v1/events/signed", body: signedBody, header: []string{SignatureHeader, Sign(testNow, []byte(signedBody+" "), "s3cret")}, status: 401, code: "bad_signature"},
		{name: "good signature", path: "/v1/events/signed", body: signedBody, header: []string{SignatureHeader, Sign(testNow, []byte(signedBody), "s3cret")}, status: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, "POST", tt.path, tt.body, tt.header...)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %.300s", rec.Code, tt.status, rec.Body)
			}
			if tt.status == 200 {
				return
			}
			if e := apiError(t, rec); e.Code != tt.code || e.Field != tt.field {
				t.Fatalf("error %+v, want code %q field %q", e, tt.code, tt.field)
			}
		})
	}
}

func TestGlobalSecretAndMissingSecretEnv(t *testing.T) {
	s, _ := newServer(t, "", Options{Secret: "global", Clock: fixedClock(testNow)})
	h := s.Handler()
	body := `{"profile":{"id":"c-1"},"event":{"total":1}}`
	if rec := do(h, "POST", "/v1/events/purchase", body); rec.Code != 401 {
		t.Fatalf("unsigned under a global secret: status %d", rec.Code)
	}
	if rec := do(h, "POST", "/v1/events/purchase", body, SignatureHeader, Sign(testNow, []byte(body), "global")); rec.Code != 200 {
		t.Fatalf("signed with the global secret: status %d: %s", rec.Code, rec.Body)
	}
	// signed names secret_env TEST_EVENT_SECRET, which is empty here.
	if rec := do(h, "POST", "/v1/events/signed", body, SignatureHeader, Sign(testNow, []byte(body), "global")); rec.Code != 503 {
		t.Fatalf("an event whose secret_env is unset must refuse every request: status %d", rec.Code)
	}
}

func TestOutboxIsWrittenWhole(t *testing.T) {
	out := t.TempDir()
	s, _ := newServer(t, "", Options{Outbox: out})
	rec := do(s.Handler(), "POST", "/v1/events/boxed", `{"profile":{"id":"c/../1","email":"x@example.com"}}`)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var resp EventResponse
	json.Unmarshal(rec.Body.Bytes(), &resp)
	if filepath.Dir(resp.Outbox) != filepath.Join(out, "boxed") {
		t.Fatalf("outbox path %q: want a safe name under %s/boxed", resp.Outbox, out)
	}
	eml, err := os.ReadFile(resp.Outbox)
	if err != nil || !strings.Contains(string(eml), "To: <x@example.com>") || !strings.HasSuffix(string(eml), "--\r\n") {
		t.Fatalf("outbox file: %v\n%.300s", err, eml)
	}
	entries, _ := os.ReadDir(out + "/boxed")
	if len(entries) != 1 {
		t.Fatalf("outbox holds %d files, want 1 (no temporaries left)", len(entries))
	}
}

// TestEventDataErrors: what an event merges into the profile is typed by
// the schema too; a value that does not fit is named by the event.
func TestEventDataErrors(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	ben := mustJSON(t, fixture(t, "ben"))
	rec := do(s.Handler(), "POST", "/v1/events/purchase", `{"profile":`+ben+`,"event":{"total":"abc"}}`)
	var resp EventResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || rec.Code != 200 {
		t.Fatalf("status %d, %v: %.300s", rec.Code, err, rec.Body)
	}
	want := []string{`event purchase: orders.1.total: "abc" is not a decimal`}
	if !slices.Equal(resp.Message.DataErrors, want) {
		t.Errorf("data errors %q, want %q", resp.Message.DataErrors, want)
	}
}
