package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"image/gif"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/smtp"
	"github.com/tailor-email/tailor/smtp/smtptest"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/track"
)

// trackedServer serves a copy of the example with tracking on (at
// https://mail.example.com, a conversion's value in the event's total),
// a store and an outbox.
func trackedServer(t *testing.T, opts Options) (*Server, store.Store) {
	t.Helper()
	dir := exampleDir(t)
	cfg := filepath.Join(dir, "tailor.yaml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "tracking: {base: \"https://mail.example.com\", value_field: total}\n"...)
	if err := os.WriteFile(cfg, b, 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	opts.Store, opts.Outbox = st, t.TempDir()
	s, ws := newServer(t, dir, opts)
	t.Cleanup(func() { ws.Close() })
	return s, st
}

// sendBoxed runs the boxed event (outbox: true) for ana and returns the
// message's ID and HTML.
func sendBoxed(t *testing.T, h http.Handler, st store.Store) (string, string) {
	t.Helper()
	rec := do(h, "POST", "/v1/events/boxed", mustJSON(t, map[string]any{"profile": fixture(t, "ana")}))
	if rec.Code != http.StatusOK {
		t.Fatalf("boxed: %d %s", rec.Code, rec.Body)
	}
	var resp EventResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || resp.Outbox == "" {
		t.Fatalf("boxed: %v %s", err, rec.Body)
	}
	var sends []store.Send
	for sw, err := range st.SendsBetween(context.Background(), time.Time{}, time.Time{}) {
		if err != nil {
			t.Fatal(err)
		}
		sends = append(sends, sw.Send)
	}
	if len(sends) != 1 || sends[0].Recipient != "c-1001" || sends[0].Campaign != "event:boxed" || sends[0].Template != "newsletter" || len(sends[0].Modules) == 0 {
		t.Fatalf("send log after the boxed event: %+v", sends)
	}
	return sends[0].MessageID, resp.Message.HTML
}

// outcomes are the outcomes the store joined to mid.
func outcomes(t *testing.T, st store.Store, mid string) []store.Outcome {
	t.Helper()
	for sw, err := range st.SendsBetween(context.Background(), time.Time{}, time.Time{}) {
		if err != nil {
			t.Fatal(err)
		}
		if sw.MessageID == mid {
			return sw.Outcomes
		}
	}
	return nil
}

// TestClickRedirect: a delivered event's message is logged and its
// link helper's links are the message's signed redirects, which go to
// their URL and record the click; a URL altered in its target, message
// or signature is refused with no redirect and nothing recorded.
func TestClickRedirect(t *testing.T) {
	s, st := trackedServer(t, Options{})
	h := s.Handler()
	mid, html := sendBoxed(t, h, st)
	clicks := regexp.MustCompile(`https://mail\.example\.com/t/c/[^"'\s<>]+`).FindAllString(html, -1)
	if len(clicks) == 0 {
		t.Fatalf("no tracked link in the HTML:\n%s", html)
	}
	click, err := url.Parse(strings.ReplaceAll(clicks[0], "&amp;", "&"))
	if err != nil {
		t.Fatal(err)
	}
	target := click.Query().Get("u")
	if !strings.HasPrefix(target, "https://shop.example/") || !strings.Contains(click.Path, url.PathEscape(mid)) {
		t.Fatalf("click URL %s: want a redirect of message %s to the shop", click, mid)
	}
	rec := do(h, "GET", click.RequestURI(), "", "User-Agent", "Mozilla/5.0 (Macintosh) Safari/605")
	if rec.Code != http.StatusFound || rec.Header().Get("Location") != target {
		t.Fatalf("click: %d to %q, want 302 to %s", rec.Code, rec.Header().Get("Location"), target)
	}
	forge := func(path, u string) string { return path + "?" + url.Values{"u": {u}}.Encode() }
	sig := click.Path[strings.LastIndex(click.Path, "/")+1:]
	otherSig := strings.Repeat("0", len(sig))
	for name, uri := range map[string]string{
		"another target":     forge(click.Path, "https://evil.example/"),
		"a target with more": forge(click.Path, target+"&next=https://evil.example/"),
		"another message":    forge(strings.Replace(click.Path, url.PathEscape(mid), "0"+url.PathEscape(mid)[1:], 1), target),
		"another signature":  forge(strings.TrimSuffix(click.Path, sig)+otherSig, target),
		"no target":          click.Path,
	} {
		rec := do(h, "GET", uri, "")
		if rec.Code != http.StatusForbidden || rec.Header().Get("Location") != "" {
			t.Errorf("%s (%s): %d to %q, want 403 and no redirect", name, uri, rec.Code, rec.Header().Get("Location"))
		}
	}
	got := outcomes(t, st, mid)
	if len(got) != 1 || got[0].Kind != store.Clicked || got[0].URL != target || got[0].Recipient != "c-1001" || got[0].Machine || got[0].Source != "tracking" {
		t.Errorf("outcomes after one click and five forgeries: %+v", got)
	}
	if rec := do(h, "HEAD", click.RequestURI(), ""); rec.Code != http.StatusFound {
		t.Errorf("HEAD click: %d", rec.Code)
	}
	if got := outcomes(t, st, mid); len(got) != 2 || !got[1].Machine {
		t.Errorf("a HEAD (link checker) click: %+v, want it marked a machine's", got)
	}
}

// TestOpenPixel: the HTML ends with the message's signed pixel, a 1x1
// GIF that sets no cookie and is not cached; Apple's bare user agent
// is a machine open, a forged pixel records nothing.
func TestOpenPixel(t *testing.T) {
	s, st := trackedServer(t, Options{})
	h := s.Handler()
	mid, html := sendBoxed(t, h, st)
	m := regexp.MustCompile(`<img src='https://mail\.example\.com(/t/o/[^']+)' width='1' height='1'`).FindStringSubmatch(html)
	if m == nil || !strings.Contains(html[strings.Index(html, m[0]):], "</body>") {
		t.Fatalf("no pixel before </body> in:\n%s", html)
	}
	rec := do(h, "GET", m[1], "", "User-Agent", "Mozilla/5.0 (Windows NT 10.0) Thunderbird/128.0")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/gif" || !strings.Contains(rec.Header().Get("Cache-Control"), "no-store") {
		t.Fatalf("pixel: %d %v", rec.Code, rec.Header())
	}
	if c := rec.Header().Values("Set-Cookie"); len(c) > 0 {
		t.Errorf("the pixel sets cookies: %q", c)
	}
	img, err := gif.Decode(bytes.NewReader(rec.Body.Bytes()))
	if err != nil || img.Bounds().Dx() != 1 || img.Bounds().Dy() != 1 {
		t.Fatalf("pixel body: %v, %v", err, img)
	}
	if rec := do(h, "GET", m[1], "", "User-Agent", "Mozilla/5.0"); rec.Code != http.StatusOK {
		t.Fatalf("Apple's open: %d", rec.Code)
	}
	forged := strings.Replace(m[1], "/t/o/", "/t/o/0", 1)
	if rec := do(h, "GET", forged, ""); rec.Code != http.StatusForbidden {
		t.Errorf("forged pixel: %d, want 403", rec.Code)
	}
	got := outcomes(t, st, mid)
	if len(got) != 2 || got[0].Kind != store.Opened || got[0].Machine || !got[1].Machine {
		t.Errorf("opens: %+v, want a reader's, then a machine's", got)
	}
}

// TestConversion: a purchase event after a send counts as a conversion
// of it, with the event's total as its value; within the window only.
func TestConversion(t *testing.T) {
	s, st := trackedServer(t, Options{})
	h := s.Handler()
	mid, _ := sendBoxed(t, h, st)
	buy := func(now time.Time) {
		rec := do(h, "POST", "/v1/events/purchase", mustJSON(t, map[string]any{"profile": fixture(t, "ana"), "event": map[string]any{"total": 42.5}, "now": now.Format(time.RFC3339)}))
		if rec.Code != http.StatusOK {
			t.Fatalf("purchase: %d %s", rec.Code, rec.Body)
		}
	}
	buy(testNow.Add(time.Hour))
	buy(testNow.Add(8 * 24 * time.Hour)) // past the 7 days
	got := outcomes(t, st, mid)
	if len(got) != 1 || got[0].Kind != store.Converted || got[0].Value != 42.5 || !got[0].At.Equal(testNow.Add(time.Hour)) {
		t.Errorf("outcomes after two purchases: %+v, want one conversion of 42.5", got)
	}
	// the batch route of stored profiles converts too
	rec := do(h, "POST", "/v1/events", mustJSON(t, map[string]any{"events": []any{map[string]any{
		"name": "purchase", "id": "c-1001", "event": map[string]any{"total": 7}, "now": testNow.Add(2 * time.Hour).Format(time.RFC3339)}}}))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"applied":1`) {
		t.Fatalf("POST /v1/events: %d %s", rec.Code, rec.Body)
	}
	if got := outcomes(t, st, mid); len(got) != 2 || got[1].Value != 7 {
		t.Errorf("outcomes after the batch's purchase: %+v, want a second conversion of 7", got)
	}
}

// TestSentEventLogged: an event sent through SMTP (send: true) is
// logged under the Message-ID the SMTP server received.
func TestSentEventLogged(t *testing.T) {
	box := &smtptest.Backend{}
	port := smtptest.Start(t, box, smtptest.Options{})
	s, st := trackedServer(t, Options{SMTP: &smtp.Config{Host: "127.0.0.1", Port: port}})
	rec := do(s.Handler(), "POST", "/v1/events/mailed", mustJSON(t, map[string]any{"profile": fixture(t, "ana")}))
	if rec.Code != http.StatusOK || len(box.Messages()) != 1 {
		t.Fatalf("mailed: %d %s", rec.Code, rec.Body)
	}
	m := regexp.MustCompile(`(?m)^Message-ID: <([^>]+)>`).FindStringSubmatch(string(box.Messages()[0].Data))
	if m == nil {
		t.Fatal("the sent message has no Message-ID")
	}
	sends, err := st.SendsByID(context.Background(), m[1])
	if err != nil || sends[m[1]].Campaign != "event:mailed" {
		t.Errorf("send log for %s: %+v, %v", m[1], sends, err)
	}
}

// TestLinksOutliveTracking: a server whose build does not track still
// redirects a click URL its store's key signed, so links
// already sent keep working once tracking is turned off.
func TestLinksOutliveTracking(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, ws := newServer(t, "", Options{Store: st})
	defer ws.Close()
	sg, err := track.StoreSigner(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(sg.ClickURL("", "old@shop.example", "https://shop.example/sale"))
	if err != nil {
		t.Fatal(err)
	}
	rec := do(s.Handler(), "GET", u.RequestURI(), "")
	if rec.Code != http.StatusFound || rec.Header().Get("Location") != "https://shop.example/sale" {
		t.Fatalf("click without tracking: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	if got := outcomes(t, st, "old@shop.example"); got != nil {
		t.Errorf("joined %+v to a message never logged", got)
	}
}
