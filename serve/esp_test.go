package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/esp"
)

// TestESPWebhook: a provider's events, sent with the API's token as a
// Basic password (or bearer), are joined to the send they name by its
// Message-ID or tailor's argument and recorded; an event naming no
// logged message is counted unmatched; a complaint suppresses the
// address on every list. Without credentials: 401.
func TestESPWebhook(t *testing.T) {
	var log strings.Builder
	s, st := trackedServer(t, Options{AuthToken: "tok", Log: &log})
	h := s.Handler()
	rec := do(h, "POST", "/v1/events/boxed", mustJSON(t, map[string]any{"profile": fixture(t, "ana")}), "Authorization", "Bearer tok")
	if rec.Code != http.StatusOK {
		t.Fatalf("boxed: %d %s", rec.Code, rec.Body)
	}
	var mid string
	for sw, err := range st.SendsBetween(context.Background(), testNow, testNow.Add(time.Second)) {
		if err != nil {
			t.Fatal(err)
		}
		mid = sw.MessageID
	}
	if mid == "" {
		t.Fatal("the boxed event logged no send")
	}
	body := fmt.Sprintf(`[
{"email":"ana@example.com","timestamp":1793610002,"smtp-id":"<%s>","event":"delivered","sg_event_id":"e1"},
{"email":"ana@example.com","timestamp":1793613600,"event":"open","useragent":"Mozilla/5.0 (Windows NT 10.0)","ip":"192.0.2.1","tailor_message":%q},
{"email":"zed@example.com","timestamp":1793610003,"smtp-id":"<not-ours@example.com>","event":"bounce","type":"bounce"},
{"email":"ana@example.com","timestamp":1793620000,"event":"spamreport","tailor_message":%q},
{"email":"ana@example.com","timestamp":1793610001,"event":"processed","tailor_message":%q}]`, mid, mid, mid, mid)
	if rec := do(h, "POST", "/v1/esp/sendgrid", body); rec.Code != http.StatusUnauthorized || !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Basic") {
		t.Fatalf("without credentials: %d %v", rec.Code, rec.Header())
	}
	req := do(h, "POST", "/v1/esp/sendgrid", body, "Authorization", "Basic "+basic("sendgrid", "tok"))
	var resp ESPResponse
	if err := json.Unmarshal(req.Body.Bytes(), &resp); err != nil || req.Code != http.StatusOK {
		t.Fatalf("sendgrid: %d %v %s", req.Code, err, req.Body)
	}
	if resp != (ESPResponse{Counts: esp.Counts{Recorded: 3, Unmatched: 1, Ignored: 1, Suppressed: 1}}) {
		t.Errorf("response %+v", resp)
	}
	got := outcomes(t, st, mid)
	if len(got) != 3 || got[0].Kind != "delivered" || got[1].Kind != "open" || got[2].Kind != "complaint" || got[2].Source != "sendgrid" {
		t.Errorf("outcomes: %+v", got)
	}
	if sup, err := st.Suppressed(context.Background(), "ana@example.com", "any list"); err != nil || !sup {
		t.Errorf("a complaint did not suppress ana on every list: %v %v", sup, err)
	}

	sub, err := os.ReadFile(filepath.Join("..", "esp", "testdata", "ses_subscription.json"))
	if err != nil {
		t.Fatal(err)
	}
	rec = do(h, "POST", "/v1/esp/ses", string(sub), "Authorization", "Bearer tok")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"subscribe_url":"https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription`) ||
		!strings.Contains(log.String(), "confirm a subscription: open https://sns.eu-west-1.amazonaws.com/") {
		t.Errorf("SNS confirmation: %d %s; log %q", rec.Code, rec.Body, log.String())
	}
	if rec := do(h, "POST", "/v1/esp/mandrill", "[]", "Authorization", "Bearer tok"); rec.Code != http.StatusNotFound {
		t.Errorf("unknown provider: %d", rec.Code)
	}
	if rec := do(h, "POST", "/v1/esp/postmark", "{", "Authorization", "Bearer tok"); rec.Code != http.StatusBadRequest {
		t.Errorf("bad body: %d", rec.Code)
	}
}

// basic is the Basic credentials of user and password.
func basic(user, pass string) string {
	r, _ := http.NewRequest("GET", "/", nil)
	r.SetBasicAuth(user, pass)
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Basic ")
}
