package serve

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"strings"

	"github.com/tailor-email/tailor/serve/events"
)

// SignatureHeader carries a webhook body's HMAC-SHA256, "sha256=<hex>".
const SignatureHeader = "X-Tailor-Signature"

// authorized reports whether r carries the bearer token, when one is set.
func (s *Server) authorized(r *http.Request) bool {
	if s.opts.AuthToken == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.AuthToken)) == 1
}

// loopbackHost reports whether a request's Host names this machine. A
// server without a token answers only to such names, so a web page cannot
// reach it through DNS rebinding (a hostile name resolved to 127.0.0.1).
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostGuard refuses requests to a tokenless server under another Host name.
func (s *Server) hostGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opts.AuthToken == "" && !loopbackHost(r.Host) {
			writeError(w, &Error{Status: http.StatusForbidden, Code: "bad_host",
				Message: "without --auth-token the server answers only to localhost or a loopback address, not " + quote(r.Host)})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func unauthorized() *Error {
	return &Error{Status: http.StatusUnauthorized, Code: "unauthorized", Message: "missing or wrong bearer token (Authorization: Bearer TOKEN)"}
}

// secret is the event's webhook secret: its own secret_env, else the
// server's; "" when the event is unsigned.
func (s *Server) secret(ev *events.Event) string {
	if ev.Config.SecretEnv != "" {
		return s.opts.Getenv(ev.Config.SecretEnv)
	}
	return s.opts.Secret
}

// authorizeEvent lets an event request in: with a secret, only a valid
// signature of the raw body; without one, the bearer token (when set).
func (s *Server) authorizeEvent(r *http.Request, ev *events.Event, body []byte) error {
	if ev.Config.SecretEnv != "" && s.secret(ev) == "" {
		return &Error{Status: http.StatusServiceUnavailable, Code: "no_secret",
			Message: "event " + ev.Name + ": its secret_env " + ev.Config.SecretEnv + " is empty on the server; refusing unsigned requests"}
	}
	secret := s.secret(ev)
	if secret == "" {
		if !s.authorized(r) {
			return unauthorized()
		}
		return nil
	}
	if !ValidSignature(secret, body, r.Header.Get(SignatureHeader)) {
		return &Error{Status: http.StatusUnauthorized, Code: "bad_signature",
			Message: "missing or wrong " + SignatureHeader + ": want sha256=<hex HMAC-SHA256 of the raw body>"}
	}
	return nil
}

// Sign returns the X-Tailor-Signature value of body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// ValidSignature reports whether header is body's signature under secret,
// comparing in constant time.
func ValidSignature(secret string, body []byte, header string) bool {
	got, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok {
		return false
	}
	sum, err := hex.DecodeString(got)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal(sum, mac.Sum(nil))
}
