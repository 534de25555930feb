package preview_test

import (
	"net/url"
	"strings"
	"testing"
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
