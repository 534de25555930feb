package httpserve

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

func TestCheckAddr(t *testing.T) {
	const ok, refused, malformed = "ok", "refused", "malformed"
	tests := []struct {
		addr   string
		remote bool
		want   string
	}{
		{"127.0.0.1:8080", false, ok},
		{"127.1.2.3:0", false, ok},
		{"[::1]:0", false, ok},
		{"localhost:8080", false, ok},
		{"LocalHost:8080", false, ok},
		{"0.0.0.0:8080", false, refused},
		{":8080", false, refused},
		{"[::]:8080", false, refused},
		{"10.1.2.3:8080", false, refused},
		{"localhost.evil.example:8080", false, refused},
		{"0.0.0.0:8080", true, ok},
		{":8080", true, ok},
		{"nonsense", false, malformed},
		{"nonsense", true, malformed},
	}
	for _, tt := range tests {
		err := CheckAddr(tt.addr, tt.remote)
		got := ok
		switch {
		case errors.Is(err, ErrNotLoopback):
			got = refused
		case err != nil:
			got = malformed
		}
		if got != tt.want {
			t.Errorf("CheckAddr(%q, %v) = %v: %s, want %s", tt.addr, tt.remote, err, got, tt.want)
		}
	}
}

func TestLoopbackHost(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"127.0.0.1", true},
		{"127.9.9.9:1", true},
		{"[::1]:8080", true},
		{"[::1]", true},
		{"::1", true},
		{"localhost:8025", true},
		{"localhost", true},
		{"LOCALHOST:8025", true},
		{"evil.example:8080", false},
		{"evil.example", false},
		{"localhost.evil.example", false},
		{"127.0.0.1.nip.io:8080", false},
		{"10.0.0.1:8080", false},
		{"[::ffff:10.0.0.1]:80", false},
		{"0.0.0.0:8080", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := LoopbackHost(tt.host); got != tt.want {
			t.Errorf("LoopbackHost(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}

func TestLoopbackOnly(t *testing.T) {
	h := LoopbackOnly(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) }),
		func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) })
	for host, want := range map[string]int{
		"127.0.0.1:8080":    http.StatusOK,
		"localhost:8080":    http.StatusOK,
		"[::1]:8080":        http.StatusOK,
		"evil.example:8080": http.StatusForbidden,
		"192.168.1.5":       http.StatusForbidden,
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %q: status %d, want %d", host, rec.Code, want)
		}
	}
}
