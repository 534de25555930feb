package serve

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestAuthToken(t *testing.T) {
	s, _ := newServer(t, "", Options{AuthToken: "tok"})
	h := s.Handler()
	body := `{"template":"newsletter","profile":{"id":"a"}}`
	tests := []struct {
		name, method, path, body string
		header                   []string
		status                   int
	}{
		{"render without token", "POST", "/v1/render", body, nil, 401},
		{"render with a wrong token", "POST", "/v1/render", body, []string{"Authorization", "Bearer nope"}, 401},
		{"render with the token", "POST", "/v1/render", body, []string{"Authorization", "Bearer tok"}, 200},
		{"batch without token", "POST", "/v1/render/batch", `{"template":"newsletter","profiles":[]}`, nil, 401},
		{"unsigned event without token", "POST", "/v1/events/purchase", `{"profile":{},"event":{"total":1}}`, nil, 401},
		{"unsigned event with token", "POST", "/v1/events/purchase", `{"profile":{},"event":{"total":1}}`, []string{"Authorization", "Bearer tok"}, 200},
		{"metrics without token", "GET", "/metrics", "", nil, 401},
		{"healthz needs none", "GET", "/healthz", "", nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if rec := do(h, tt.method, tt.path, tt.body, tt.header...); rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
		})
	}
}

func TestPanicFailsOneRequest(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	mux := http.NewServeMux()
	mux.Handle("/boom", s.route("boom", func(http.ResponseWriter, *http.Request) error { panic("boom") }))
	mux.Handle("/", s.Handler())
	h := s.recover(mux)
	rec := do(h, "POST", "/boom", "")
	if e := apiError(t, rec); rec.Code != 500 || e.Code != "internal" || strings.Contains(rec.Body.String(), "boom") {
		t.Fatalf("panic: status %d body %s, want a 500 that hides the detail", rec.Code, rec.Body)
	}
	if rec := do(h, "POST", "/v1/render", `{"template":"newsletter","profile":{}}`); rec.Code != 200 {
		t.Fatalf("the request after a panic: status %d", rec.Code)
	}
	if got := value(scrape(t, s), "tailor_serve_panics_total"); got != 1 {
		t.Fatalf("metrics count %v panics, want 1", got)
	}
}

func TestHealth(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	h := s.Handler()
	do(h, "POST", "/v1/render", `{"template":"newsletter","profile":{"id":"a","cart":[{"price":"x"}],"cart_updated_at":"2026-01-01"}}`)
	var health struct {
		Status string
		Build  int
		Emails int
		Events int
	}
	rec := do(h, "GET", "/healthz", "")
	if err := json.Unmarshal(rec.Body.Bytes(), &health); err != nil || health.Status != "ok" || health.Build != 1 || health.Emails != len(s.state.Load().campaign.Emails()) || health.Events != 4 {
		t.Fatalf("healthz: %s (%v)", rec.Body, err)
	}
	s.apply(s.ws.Last()) // a good build again: still ok
	s.metrics.setBuildErr(errors.New("modules/hero/welcome.md:1:1: bad"))
	if rec := do(h, "GET", "/healthz", ""); !strings.Contains(rec.Body.String(), `"status":"degraded"`) || !strings.Contains(rec.Body.String(), "welcome.md:1:1") {
		t.Errorf("healthz does not show the failed rebuild: %s", rec.Body)
	}
}

func TestNotFound(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	rec := do(s.Handler(), "GET", "/v2/anything", "")
	if e := apiError(t, rec); rec.Code != 404 || e.Code != "not_found" {
		t.Fatalf("status %d %+v", rec.Code, e)
	}
}

func TestWrongMethod(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	tests := []struct{ method, path, allow string }{
		{"GET", "/v1/render", "POST"},
		{"PUT", "/v1/render/batch", "POST"},
		{"GET", "/v1/events/purchase", "POST"},
		{"POST", "/healthz", "GET"},
	}
	for _, tt := range tests {
		rec := do(s.Handler(), tt.method, tt.path, "")
		if e := apiError(t, rec); rec.Code != 405 || e.Code != "method_not_allowed" || rec.Header().Get("Allow") != tt.allow {
			t.Errorf("%s %s: status %d allow %q %+v", tt.method, tt.path, rec.Code, rec.Header().Get("Allow"), e)
		}
	}
}

func TestHostGuard(t *testing.T) {
	open, _ := newServer(t, "", Options{})
	locked, _ := newServer(t, "", Options{AuthToken: "tok"})
	tests := []struct {
		name   string
		s      *Server
		host   string
		status int
	}{
		{"loopback IP", open, "127.0.0.1:8080", 200},
		{"IPv6 loopback", open, "[::1]:8080", 200},
		{"localhost", open, "localhost:8080", 200},
		{"rebound name", open, "evil.example:8080", 403},
		{"any name with a token", locked, "api.shop.example", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if rec := do(tt.s.Handler(), "GET", "/healthz", "", "Host", tt.host); rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
		})
	}
}
