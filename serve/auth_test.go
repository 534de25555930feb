package serve

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// TestUnauthenticatedEventsAnswerAlike sends requests without valid
// credentials to event names that exist (signed or not, with a secret or
// with none on the server) and to names that do not: with a token set,
// every answer is the same 401, byte for byte. Only the token learns 404.
func TestUnauthenticatedEventsAnswerAlike(t *testing.T) {
	body := `{"profile":{"id":"c-1"},"event":{"total":1}}`
	configs := map[string]Options{
		"secret_env set":   {Getenv: func(string) string { return "s3cret" }},
		"secret_env empty": {},
		"global secret":    {Secret: "global"},
	}
	for cname, opts := range configs {
		t.Run(cname, func(t *testing.T) {
			opts.AuthToken, opts.Clock = "tok", fixedClock(testNow)
			s, _ := newServer(t, "", opts)
			h := s.Handler()
			requests := []struct {
				name   string
				header []string
			}{
				{"nope", nil},
				{"purchase", nil},
				{"signed", nil},
				{"boxed", nil},
				{"Purchase", nil},
				{"nope", []string{"Authorization", "Bearer wrong"}},
				{"purchase", []string{"Authorization", "Bearer wrong"}},
				{"signed", []string{SignatureHeader, Sign(testNow, []byte(body), "wrong")}},
				{"nope", []string{SignatureHeader, Sign(testNow, []byte(body), "s3cret")}},
				{"signed", []string{SignatureHeader, "sha256=00"}},
				{"signed", []string{SignatureHeader, Sign(testNow.Add(-time.Hour), []byte(body), "wrong")}},
			}
			first := do(h, "POST", "/v1/events/nope", body)
			if e := apiError(t, first); first.Code != 401 || e.Code != "unauthorized" || strings.Contains(first.Body.String(), "nope") {
				t.Fatalf("unknown event without a token: %d %s, want a 401 unauthorized that does not echo the name", first.Code, first.Body)
			}
			for _, rq := range requests {
				rec := do(h, "POST", "/v1/events/"+rq.name, body, rq.header...)
				sameAnswer(t, rq.name+" "+strings.Join(rq.header, " "), first, rec)
			}
			if rec := do(h, "POST", "/v1/events/nope", body, "Authorization", "Bearer tok"); rec.Code != 404 ||
				!strings.Contains(apiError(t, rec).Message, "boxed, mailed, purchase, signed") {
				t.Fatalf("unknown event with the token: %d %s, want a 404 listing the events", rec.Code, rec.Body)
			}
		})
	}
}

// sameAnswer fails unless got is want byte for byte: status, headers and
// body.
func sameAnswer(t *testing.T, what string, want, got *httptest.ResponseRecorder) {
	t.Helper()
	if got.Code != want.Code || !reflect.DeepEqual(got.Header(), want.Header()) || got.Body.String() != want.Body.String() {
		t.Errorf("%s: answered %d %v %s\nwant %d %v %s", what, got.Code, got.Header(), got.Body, want.Code, want.Header(), want.Body)
	}
}

// TestAuthenticatedEventsLearnMore: past authentication, the token learns
// that a secret is missing, and a valid signature needs no token.
func TestAuthenticatedEventsLearnMore(t *testing.T) {
	body := `{"profile":{"id":"c-1"},"event":{"total":1}}`
	s, _ := newServer(t, "", Options{AuthToken: "tok", Clock: fixedClock(testNow)})
	h := s.Handler()
	if rec := do(h, "POST", "/v1/events/signed", body, "Authorization", "Bearer tok"); rec.Code != 503 || apiError(t, rec).Code != "no_secret" {
		t.Fatalf("secret_env empty, with the token: %d %s, want 503 no_secret", rec.Code, rec.Body)
	}
	s, _ = newServer(t, "", Options{AuthToken: "tok", Secret: "global", Clock: fixedClock(testNow)})
	h = s.Handler()
	if rec := do(h, "POST", "/v1/events/purchase", body, SignatureHeader, Sign(testNow, []byte(body), "global")); rec.Code != 200 {
		t.Fatalf("a signed event without the token: %d %s, want 200", rec.Code, rec.Body)
	}
	if rec := do(h, "POST", "/v1/events/purchase", body, "Authorization", "Bearer tok"); rec.Code != 401 {
		t.Fatalf("a signed event with the token but no signature: %d %s, want 401", rec.Code, rec.Body)
	}
}

// TestSignatureTolerance moves the server's clock, never sleeping: a
// signature at most the tolerance away from it, either way, passes.
func TestSignatureTolerance(t *testing.T) {
	body := `{"profile":{"id":"c-1"},"event":{"total":1}}`
	tests := []struct {
		age       time.Duration // how long before the server's now it was signed
		tolerance time.Duration // 0: the default, 5 minutes
		status    int
		message   string
	}{
		{age: 4 * time.Minute, status: 200},
		{age: 6 * time.Minute, status: 401, message: "is 6m0s behind the server's clock, outside the tolerance of 5m0s (--webhook-tolerance)"},
		{age: -4 * time.Minute, status: 200},
		{age: -6 * time.Minute, status: 401, message: "is 6m0s ahead of the server's clock"},
		{age: 5 * time.Minute, status: 200},
		{age: 5*time.Minute + time.Second, status: 401, message: "5m1s behind"},
		{age: 0, status: 200},
		{age: 2 * time.Minute, tolerance: time.Minute, status: 401, message: "outside the tolerance of 1m0s"},
		{age: 50 * time.Second, tolerance: time.Minute, status: 200},
	}
	for _, tt := range tests {
		t.Run(tt.age.String()+"/"+tt.tolerance.String(), func(t *testing.T) {
			s, _ := newServer(t, "", Options{Secret: "global", Clock: fixedClock(testNow), WebhookTolerance: tt.tolerance})
			rec := do(s.Handler(), "POST", "/v1/events/purchase", body, SignatureHeader, Sign(testNow.Add(-tt.age), []byte(body), "global"))
			if rec.Code != tt.status {
				t.Fatalf("signed %s ago: status %d, want %d: %s", tt.age, rec.Code, tt.status, rec.Body)
			}
			if tt.status == 200 {
				return
			}
			if e := apiError(t, rec); e.Code != "stale_signature" || !strings.Contains(e.Message, tt.message) {
				t.Fatalf("signed %s ago: %+v, want stale_signature saying %q", tt.age, e, tt.message)
			}
		})
	}
}

// TestOneSecretSignsForEveryEvent: a signature covers the time and the
// body, so under the server's one secret it is valid for every event that
// uses it, and not for an event with a secret_env of its own.
func TestOneSecretSignsForEveryEvent(t *testing.T) {
	body := `{"profile":{"id":"c-1","email":"a@example.com"},"event":{"total":1}}`
	s, _ := newServer(t, "", Options{Secret: "global", Outbox: t.TempDir(), Clock: fixedClock(testNow),
		Getenv: func(string) string { return "own" }})
	h := s.Handler()
	sig := Sign(testNow, []byte(body), "global")
	for event, status := range map[string]int{"purchase": 200, "boxed": 200, "signed": 401} {
		if rec := do(h, "POST", "/v1/events/"+event, body, SignatureHeader, sig); rec.Code != status {
			t.Errorf("%s under the global secret: %d %s, want %d", event, rec.Code, rec.Body, status)
		}
	}
}

// TestStaleWrongSignatureSaysNothingOfTime: the MAC is checked first, so
// an old signature under the wrong secret is only "wrong".
func TestStaleWrongSignatureSaysNothingOfTime(t *testing.T) {
	body := `{"profile":{"id":"c-1"},"event":{"total":1}}`
	s, _ := newServer(t, "", Options{Secret: "global", Clock: fixedClock(testNow)})
	rec := do(s.Handler(), "POST", "/v1/events/purchase", body, SignatureHeader, Sign(testNow.Add(-time.Hour), []byte(body), "wrong"))
	if e := apiError(t, rec); rec.Code != 401 || e.Code != "bad_signature" {
		t.Fatalf("an hour old under the wrong secret: %d %+v, want 401 bad_signature", rec.Code, e)
	}
}

// TestBadSignaturesWriteNothing posts to an outbox event with signatures
// that must fail, then with a rotated pair of which one is good.
func TestBadSignaturesWriteNothing(t *testing.T) {
	out := t.TempDir()
	body := []byte(`{"profile":{"id":"c-1","email":"a@example.com"}}`)
	s, _ := newServer(t, "", Options{Secret: "global", Outbox: out, Clock: fixedClock(testNow)})
	h := s.Handler()
	good := Sign(testNow, body, "global")
	goodHex := good[strings.Index(good, "v1=")+3:]
	ts := "t=" + good[2:strings.Index(good, ",")]
	for name, header := range map[string]string{
		"empty":         "",
		"empty v1":      ts + ",v1=",
		"old form":      "sha256=" + goodHex,
		"old, empty":    "sha256=",
		"truncated":     ts + ",v1=" + goodHex[:63],
		"half":          ts + ",v1=" + goodHex[:32],
		"over-long":     ts + ",v1=" + goodHex + "ab",
		"non-hex":       ts + ",v1=" + strings.Repeat("g", 64),
		"wrong":         ts + ",v1=" + strings.Repeat("ab", 32),
		"other secret":  Sign(testNow, body, "other"),
		"two bad":       Sign(testNow, body, "other", "older"),
		"no time":       "v1=" + goodHex,
		"another time":  "t=1,v1=" + goodHex,
		"another body":  Sign(testNow, append(body, ' '), "global"),
		"other and bad": Sign(testNow, body, "other") + ",v1=zz",
		"two times":     ts + "," + good,
	} {
		rec := do(h, "POST", "/v1/events/boxed", string(body), SignatureHeader, header)
		if e := apiError(t, rec); rec.Code != 401 || e.Code != "bad_signature" {
			t.Errorf("%s (%q): %d %+v, want 401 bad_signature", name, header, rec.Code, e)
		}
	}
	if n := outboxFiles(t, out, "boxed"); n != 0 {
		t.Fatalf("refused requests wrote %d outbox files", n)
	}
	rec := do(h, "POST", "/v1/events/boxed", string(body), SignatureHeader, Sign(testNow, body, "old", "global"))
	if rec.Code != 200 || outboxFiles(t, out, "boxed") != 1 {
		t.Fatalf("rotated pair, the second good: %d %s, and %d outbox files, want 200 and 1", rec.Code, rec.Body, outboxFiles(t, out, "boxed"))
	}
}

func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// outboxFiles counts the files in the outbox folder of an event.
func outboxFiles(t *testing.T, outbox, event string) int {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(outbox, event))
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}
