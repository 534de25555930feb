package preview_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/reload"
)

// newHandler serves a temp copy of the example workspace, not watched.
func newHandler(t *testing.T, opts ...func(*preview.Options)) (http.Handler, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	ws, err := reload.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := preview.Options{Dir: dir}
	for _, f := range opts {
		f(&o)
	}
	srv, err := preview.New(ws, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv.Handler(), dir
}

// do sends one request to h and returns the response and its body.
func do(t *testing.T, h http.Handler, method, target string, form url.Values, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	req.Host = "127.0.0.1:8025"
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// csrfOf reads the form token from the recipient page.
func csrfOf(t *testing.T, h http.Handler) string {
	t.Helper()
	_, body := do(t, h, "GET", "/email/newsletter/r/c-1001", nil, nil)
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no csrf field on the recipient page")
	}
	return m[1]
}

func TestGetRoutes(t *testing.T) {
	h, _ := newHandler(t)
	tests := []struct {
		name, target string
		hdr          map[string]string
		status       int
		want, not    []string
	}{
		{"index", "/", nil, 200, []string{"newsletter", "c-1001", "c-1007", `href="/email/newsletter/r/c-1002"`}, nil},
		{"css", "/static/app.css", nil, 200, []string{".overlay"}, nil},
		{"js", "/static/app.js", nil, 200, []string{"EventSource"}, nil},
		{"matrix", "/email/newsletter", nil, 200, []string{"Decision matrix", "recent_purchaser", "hero/new-arrivals", "(in no segment)", "hero/welcome"}, nil},
		{"matrix unknown email", "/email/nope", nil, 404, []string{"unknown email"}, nil},
		{"recipient", "/email/newsletter/r/c-1001", nil, 200,
			[]string{"hero/new-arrivals", "recent_purchaser", "chosen: in segment recent_purchaser", `sandbox=""`, "Content-Type: multipart/alternative", "Fresh in, Ana"}, nil},
		{"recipient light", "/email/newsletter/r/c-1001", nil, 200,
			[]string{`id="dark" class="toggle" aria-pressed="false"`, `src="/email/newsletter/r/c-1001/frame" data-src`}, []string{"scheme=dark"}},
		{"recipient dark", "/email/newsletter/r/c-1001", map[string]string{"Cookie": "tailor_dark=1"}, 200,
			[]string{`id="dark" class="toggle" aria-pressed="true"`, `class="stage dark"`, `src="/email/newsletter/r/c-1001/frame?scheme=dark" data-src="/email/newsletter/r/c-1001/frame"`}, nil},
		{"recipient with AMP", "/email/picks/r/c-1001", nil, 200, []string{`id="amp-check"`, "&lt;html ⚡4email"}, nil},
		{"recipient unknown email", "/email/nope/r/c-1001", nil, 404, []string{"unknown email"}, nil},
		{"recipient unknown", "/email/newsletter/r/nobody", nil, 404, []string{"unknown recipient"}, nil},
		{"recipient expired draft", "/email/newsletter/r/c-1001?draft=0123", nil, 404, []string{"expired"}, nil},
		{"frame", "/email/newsletter/r/c-1001/frame", nil, 200, []string{"Fresh in, Ana", "prefers-color-scheme: dark"}, nil},
		{"frame dark", "/email/newsletter/r/c-1001/frame?scheme=dark", nil, 200, []string{"(min-width: 0px)"}, []string{"prefers-color-scheme: dark"}},
		{"frame unknown", "/email/newsletter/r/nobody/frame", nil, 404, nil, nil},
		{"traversal email", "/email/..%2f..%2ftailor.yaml", nil, 404, []string{"unknown email"}, []string{"experiments"}},
		{"traversal recipient", "/email/newsletter/r/%2e%2e%2f%2e%2e%2ftestdata%2frecipients%2fana.json", nil, 404, []string{"unknown recipient"}, []string{"ana@example.com"}},
		{"traversal frame", "/email/newsletter/r/..%2F..%2Ftailor.yaml/frame", nil, 404, nil, []string{"experiments"}},
		{"traversal static", "/static/%2e%2e%2fserver.go", nil, 404, nil, []string{"package preview"}},
		{"traversal static dots", "/static/../../go.mod", nil, 0, nil, []string{"module github.com"}},
		{"unknown page", "/nope", nil, 404, []string{"no such page"}, nil},
		{"json error", "/email/nope", map[string]string{"Accept": "application/json"}, 404, []string{`"error":"unknown email \"nope\""`, `"status":404`}, nil},
		{"DNS rebinding", "/", map[string]string{"Host": "evil.example:8025"}, 403, []string{"answers only to localhost"}, []string{"c-1001"}},
		{"localhost", "/", map[string]string{"Host": "localhost:8025"}, 200, []string{"c-1001"}, nil},
		{"GET on a POST route", "/email/newsletter/r/c-1001/edit", nil, 404, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := do(t, h, "GET", tt.target, nil, tt.hdr)
			if tt.status != 0 && res.StatusCode != tt.status {
				t.Errorf("status %d, want %d; body:\n%.400s", res.StatusCode, tt.status, body)
			}
			if res.StatusCode >= 500 {
				t.Errorf("status %d for bad input", res.StatusCode)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%.600s", w, body)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("body has %q", n)
				}
			}
		})
	}
}

func TestFrameIsolation(t *testing.T) {
	h, _ := newHandler(t)
	res, _ := do(t, h, "GET", "/email/newsletter/r/c-1001/frame", nil, nil)
	csp := res.Header.Get("Content-Security-Policy")
	for _, w := range []string{"default-src 'none'", "sandbox", "frame-ancestors 'self'"} {
		if !strings.Contains(csp, w) {
			t.Errorf("frame CSP %q lacks %q", csp, w)
		}
	}
	if strings.Contains(csp, "script-src") {
		t.Errorf("frame CSP allows scripts: %q", csp)
	}
	_, page := do(t, h, "GET", "/email/newsletter/r/c-1001", nil, nil)
	frame := regexp.MustCompile(`<iframe[^>]*>`).FindString(page)
	if !strings.Contains(frame, `sandbox=""`) || strings.Contains(frame, "allow-") {
		t.Errorf("iframe must have sandbox=\"\" and no allow-*: %s", frame)
	}
}

func TestEdit(t *testing.T) {
	h, _ := newHandler(t)
	token := csrfOf(t, h)
	post := func(form url.Values, hdr map[string]string) (*http.Response, string) {
		return do(t, h, "POST", "/email/newsletter/r/c-1001/edit", form, hdr)
	}
	big := `{"id":"c-1001","pad":"` + strings.Repeat("x", preview.MaxProfileBytes+8<<10) + `"}`
	tests := []struct {
		name   string
		form   url.Values
		hdr    map[string]string
		status int
		want   string
	}{
		{"no token", url.Values{"profile": {`{"id":"c-1001"}`}}, nil, 403, "form token"},
		{"wrong token", url.Values{"csrf": {"00"}, "profile": {`{"id":"c-1001"}`}}, nil, 403, "form token"},
		{"cross origin", url.Values{"csrf": {token}, "profile": {`{"id":"c-1001"}`}}, map[string]string{"Origin": "http://evil.example"}, 403, "cross-origin"},
		{"cross site fetch", url.Values{"csrf": {token}, "profile": {`{"id":"c-1001"}`}}, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403, "cross-origin"},
		{"malformed JSON", url.Values{"csrf": {token}, "profile": {`{"id": "c-1001",`}}, nil, 400, "profile:"},
		{"not an object", url.Values{"csrf": {token}, "profile": {`[1,2]`}}, nil, 400, "one JSON object"},
		{"two objects", url.Values{"csrf": {token}, "profile": {`{"a":1} {"b":2}`}}, nil, 400, "one JSON object"},
		{"null", url.Values{"csrf": {token}, "profile": {`null`}}, nil, 400, "JSON object"},
		{"oversized body", url.Values{"csrf": {token}, "profile": {big}}, nil, 413, "64 KB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := post(tt.form, tt.hdr)
			if res.StatusCode != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("status %d, want %d with %q; body:\n%.500s", res.StatusCode, tt.status, tt.want, body)
			}
		})
	}
	t.Run("valid", func(t *testing.T) {
		res, _ := post(url.Values{"csrf": {token}, "profile": {`{"id":"c-1001","email":"ana@example.com","first_name":"Zoë","loyalty_points":120,"orders":[{"at":"2026-10-01T00:00:00Z","total":10},{"at":"2026-10-02T00:00:00Z","total":10},{"at":"2026-10-03T00:00:00Z","total":10},{"at":"2026-10-04T00:00:00Z","total":10},{"at":"2026-10-05T00:00:00Z","total":10}]}`}}, nil)
		loc := res.Header.Get("Location")
		if res.StatusCode != 303 || !strings.Contains(loc, "/email/newsletter/r/c-1001?draft=") {
			t.Fatalf("status %d, Location %q", res.StatusCode, loc)
		}
		res, body := do(t, h, "GET", loc, nil, nil)
		if res.StatusCode != 200 || !strings.Contains(body, "Members first, Zoë") || !strings.Contains(body, "edited, not saved") {
			t.Errorf("draft page %d lacks the loyal hero for the edit:\n%.400s", res.StatusCode, body)
		}
		_, frame := do(t, h, "GET", strings.Replace(loc, "?", "/frame?", 1), nil, nil)
		if !strings.Contains(frame, "Members first, Zoë") {
			t.Error("the draft's frame does not show the edit")
		}
		// The draft page's forms post to the recipient's routes, and a
		// second edit from it works.
		_, page := do(t, h, "GET", loc, nil, nil)
		for _, a := range []string{`action="/email/newsletter/r/c-1001/edit"`, `action="/email/newsletter/r/c-1001/save"`, `action="/email/newsletter/r/c-1001/form"`} {
			if !strings.Contains(page, a) {
				t.Errorf("the draft page lacks %s", a)
			}
		}
		res, _ = post(url.Values{"csrf": {token}, "draft": {strings.SplitN(loc, "=", 2)[1]}, "profile": {`{"id":"c-1001","first_name":"Again"}`}}, nil)
		if res.StatusCode != 303 || res.Header.Get("Location") == loc {
			t.Errorf("second edit: status %d, Location %q", res.StatusCode, res.Header.Get("Location"))
		}
		_, fixture := do(t, h, "GET", "/email/newsletter/r/c-1001", nil, nil)
		if strings.Contains(fixture, "Zoë") {
			t.Error("the edit leaked into the fixture's page")
		}
	})
}

func TestSaveFixture(t *testing.T) {
	h, dir := newHandler(t)
	token := csrfOf(t, h)
	save := func(name, profile string) (*http.Response, string) {
		return do(t, h, "POST", "/email/newsletter/r/c-1001/save",
			url.Values{"csrf": {token}, "name": {name}, "profile": {profile}}, nil)
	}
	fresh := `{"id":"c-9001","email":"zoe@example.com","first_name":"Zoe"}`
	tests := []struct {
		name, file, profile string
		status              int
		want                string
	}{
		{"traversal", "../../evil", fresh, 400, "fixture name"},
		{"encoded traversal", "%2e%2e%2fevil", fresh, 400, "fixture name"},
		{"slash", "a/b", fresh, 400, "fixture name"},
		{"empty", "", fresh, 400, "fixture name"},
		{"existing file", "ana", fresh, 409, "exists"},
		{"taken id", "zoe", `{"id":"c-1001"}`, 409, "taken"},
		{"data error", "zoe", `{"id":"c-9002","email":"z@x","loyalty_points":"abc"}`, 400, "profile:1:47: loyalty_points: &#34;abc&#34; is not an int"},
		{"malformed", "zoe", `{"id":`, 400, "profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := save(tt.file, tt.profile)
			if res.StatusCode != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("status %d, want %d with %q; body:\n%.500s", res.StatusCode, tt.status, tt.want, body)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "evil.json")); err == nil {
		t.Fatal("traversal wrote outside the workspace")
	}
	res, _ := save("zoe", fresh)
	if res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/email/newsletter/r/c-9001?") {
		t.Fatalf("save: status %d, Location %q", res.StatusCode, res.Header.Get("Location"))
	}
	if _, page := do(t, h, "GET", res.Header.Get("Location"), nil, nil); !strings.Contains(page, "Saved as testdata/recipients/zoe.json with ID c-9001. Its experiment variants are the draft&#39;s.") {
		t.Error("no success message after saving")
	}
	b, err := os.ReadFile(filepath.Join(dir, "testdata/recipients/zoe.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p map[string]any
	if err := json.Unmarshal(b, &p); err != nil || p["first_name"] != "Zoe" {
		t.Fatalf("saved fixture %s: %v", b, err)
	}
	if res, _ := do(t, h, "GET", "/email/newsletter/r/c-9001", nil, nil); res.StatusCode != 200 {
		t.Errorf("the new fixture's page: status %d", res.StatusCode)
	}
}

func TestSaveNeedsFolder(t *testing.T) {
	ws, err := reload.Open("", shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := preview.New(ws, preview.Options{FS: shop.FS()})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	res, body := do(t, h, "POST", "/email/newsletter/r/c-1001/save",
		url.Values{"csrf": {csrfOf(t, h)}, "name": {"zoe"}, "profile": {`{"id":"c-9"}`}}, nil)
	if res.StatusCode != 409 || !strings.Contains(body, "workspace folder") {
		t.Errorf("status %d; body %.300s", res.StatusCode, body)
	}
}

// TestManyRecipients: with --recipients, the index and matrix list the
// first 200 and every recipient's page still works.
func TestManyRecipients(t *testing.T) {
	var recs []recipients.Record
	for i := range 250 {
		recs = append(recs, recipients.Record{Source: "people.jsonl", Line: i + 1,
			Profile: map[string]any{"id": fmt.Sprintf("p%d", i), "email": fmt.Sprintf("p%d@example.com", i)}})
	}
	h, _ := newHandler(t, func(o *preview.Options) { o.Recipients = recs })
	_, body := do(t, h, "GET", "/", nil, nil)
	if !strings.Contains(body, "250 recipients; the first 200 are listed") || strings.Contains(body, ">p200<") || !strings.Contains(body, ">p199<") {
		t.Errorf("index does not list exactly the first 200:\n%.300s", body)
	}
	_, body = do(t, h, "GET", "/email/newsletter", nil, nil)
	if !strings.Contains(body, "50 more are not shown") {
		t.Error("the matrix does not say it left recipients out")
	}
	if res, _ := do(t, h, "GET", "/email/newsletter/r/p249", nil, nil); res.StatusCode != 200 {
		t.Errorf("an unlisted recipient's page: status %d", res.StatusCode)
	}
	if res, _ := do(t, h, "GET", "/email/newsletter/r/c-1001", nil, nil); res.StatusCode != 404 {
		t.Errorf("a workspace fixture with --recipients: status %d, want 404", res.StatusCode)
	}
}

func TestAuthToken(t *testing.T) {
	h, _ := newHandler(t, func(o *preview.Options) { o.AuthToken = "s3cret" })
	tests := []struct {
		name, target string
		hdr          map[string]string
		status       int
	}{
		{"missing", "/", nil, 401},
		{"missing on asset", "/static/app.js", nil, 401},
		{"missing on frame", "/email/newsletter/r/c-1001/frame", nil, 401},
		{"missing on events", "/events", nil, 401},
		{"wrong bearer", "/", map[string]string{"Authorization": "Bearer nope"}, 401},
		{"wrong cookie", "/", map[string]string{"Cookie": "tailor_preview_token=nope"}, 401},
		{"wrong query", "/?token=nope", nil, 401},
		{"bearer", "/", map[string]string{"Authorization": "Bearer s3cret"}, 200},
		{"cookie", "/email/newsletter", map[string]string{"Cookie": "tailor_preview_token=s3cret"}, 200},
		{"query sets cookie", "/email/newsletter?token=s3cret", nil, 303},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := do(t, h, "GET", tt.target, nil, tt.hdr)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d: %.200s", res.StatusCode, tt.status, body)
			}
			if tt.status == 303 {
				c := res.Header.Get("Set-Cookie")
				if !strings.Contains(c, "tailor_preview_token=s3cret") || !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Strict") {
					t.Errorf("Set-Cookie %q", c)
				}
				if loc := res.Header.Get("Location"); loc != "/email/newsletter" {
					t.Errorf("Location %q keeps the token or loses the page", loc)
				}
			}
		})
	}
}

// TestEditWithDataErrors: an edit with a value that does not fit the
// schema renders without it, and the page lists it at its
// profile:line:col, as for a fixture.
func TestEditWithDataErrors(t *testing.T) {
	h, _ := newHandler(t)
	token := csrfOf(t, h)
	res, _ := do(t, h, "POST", "/email/newsletter/r/c-1001/edit",
		url.Values{"csrf": {token}, "profile": {"{\"id\": \"c-1001\", \"email\": \"ana@example.com\",\n \"loyalty_points\": \"abc\"}"}}, nil)
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || loc == "" {
		t.Fatalf("edit: status %d", res.StatusCode)
	}
	res, body := do(t, h, "GET", loc, nil, nil)
	if res.StatusCode != 200 || !strings.Contains(body, `id="data-errors"`) ||
		!strings.Contains(body, "profile:2:20: loyalty_points: &#34;abc&#34; is not an int") {
		t.Errorf("status %d; the page does not list the data error:\n%.3000s", res.StatusCode, body)
	}
	if _, fixture := do(t, h, "GET", "/email/newsletter/r/c-1001", nil, nil); strings.Contains(fixture, `id="data-errors"`) {
		t.Error("the fixture's own page lists data errors")
	}
}
