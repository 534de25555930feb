package preview_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/preview"
)

// TestEditOriginChecks: a state-changing POST is judged by its Origin,
// or by its Referer when a browser sends no Origin (older browsers, some
// same-origin requests). A request naming another site in either is
// refused before the form is read; one naming this host, or naming none
// (curl), goes through to the CSRF check.
func TestEditOriginChecks(t *testing.T) {
	h, _ := newHandler(t)
	token := csrfOf(t, h)
	const self = "http://127.0.0.1:8025"
	tests := []struct {
		name string
		hdr  map[string]string
		ok   bool
	}{
		{"cross-site Referer, no Origin", map[string]string{"Referer": "http://evil.example/page"}, false},
		{"Referer of another port", map[string]string{"Referer": "http://127.0.0.1:9999/email/newsletter"}, false},
		{"malformed Referer", map[string]string{"Referer": "http://%zz/"}, false},
		{"Origin null (a sandboxed frame)", map[string]string{"Origin": "null"}, false},
		{"cross-site Origin, own Referer", map[string]string{"Origin": "http://evil.example", "Referer": self + "/"}, false},
		{"own Referer, no Origin", map[string]string{"Referer": self + "/email/newsletter/r/c-1001"}, true},
		{"own Origin", map[string]string{"Origin": self}, true},
		{"neither", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"csrf": {token}, "profile": {`{"id":"c-1001"}`}}
			res, body := do(t, h, "POST", "/email/newsletter/r/c-1001/edit", form, tt.hdr)
			refused := res.StatusCode == 403 && strings.Contains(body, "cross-origin")
			if refused == tt.ok || tt.ok && res.StatusCode != 303 {
				t.Errorf("status %d, want accepted=%v; body:\n%.300s", res.StatusCode, tt.ok, body)
			}
		})
	}
}

// TestEditBodyBounds: a profile of MaxProfileBytes is accepted with the
// rest of its form; one byte more is refused as over the limit, and a
// body far over it is cut off unread; a form that does not parse is a
// bad request.
func TestEditBodyBounds(t *testing.T) {
	h, _ := newHandler(t)
	token := csrfOf(t, h)
	profile := func(n int) string {
		head := `{"id":"c-1001","pad":"`
		return head + strings.Repeat("x", n-len(head)-2) + `"}`
	}
	for _, tt := range []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"at the limit", url.Values{"csrf": {token}, "profile": {profile(preview.MaxProfileBytes)}}, 303, ""},
		{"a byte over", url.Values{"csrf": {token}, "profile": {profile(preview.MaxProfileBytes + 1)}}, 400, "byte limit"},
		{"far over", url.Values{"csrf": {token}, "profile": {profile(preview.MaxProfileBytes + 8<<10)}}, 413, "64 KB"},
		{"malformed form", url.Values{"csrf": {token}, "profile": {"%zz"}}, 400, "bad form"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := tt.form.Encode()
			if tt.name == "malformed form" {
				body = strings.Replace(body, "%25zz", "%zz", 1)
			}
			res, got := doRaw(t, h, body)
			if res.StatusCode != tt.status || !strings.Contains(got, tt.want) {
				t.Errorf("status %d, want %d with %q; body:\n%.300s", res.StatusCode, tt.status, tt.want, got)
			}
		})
	}
}

// doRaw posts an encoded form body to the edit route.
func doRaw(t *testing.T, h http.Handler, body string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest("POST", "/email/newsletter/r/c-1001/edit", strings.NewReader(body))
	req.Host = "127.0.0.1:8025"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}
