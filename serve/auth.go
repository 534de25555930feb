package serve

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tailor-email/tailor/serve/events"
)

// authorized reports whether r carries the bearer token, when one is set.
func (s *Server) authorized(r *http.Request) bool {
	if s.opts.AuthToken == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.AuthToken)) == 1
}

// badHost refuses a request to a tokenless server under a Host name that
// is not this machine's (see httpserve.LoopbackOnly).
func badHost(w http.ResponseWriter, r *http.Request) {
	writeError(w, &Error{Status: http.StatusForbidden, Code: "bad_host",
		Message: "without --auth-token the server answers only to localhost or a loopback address, not " + quote(r.Host)})
}

func unauthorized() *Error {
	return &Error{Status: http.StatusUnauthorized, Code: "unauthorized", Message: "missing or wrong bearer token (Authorization: Bearer TOKEN)"}
}

// eventDenied is the one answer to an event request that fails
// authentication. It depends on the server alone, never on the event, so
// that it tells a caller without credentials nothing about which event
// names exist.
func (s *Server) eventDenied() *Error {
	if s.opts.AuthToken != "" {
		return &Error{Status: http.StatusUnauthorized, Code: "unauthorized",
			Message: "missing or wrong credentials: want Authorization: Bearer TOKEN, or for a signed event " + SignatureHeader + ": t=UNIX,v1=HEX"}
	}
	return &Error{Status: http.StatusUnauthorized, Code: "bad_signature",
		Message: "missing or wrong " + SignatureHeader + ": want t=UNIX,v1=HEX, HEX the hex HMAC-SHA256 of \"UNIX.\" followed by the raw body"}
}

// signed says whether the event's requests must be signed.
func (s *Server) signed(ev *events.Event) bool {
	return ev != nil && (ev.Config.SecretEnv != "" || s.opts.Secret != "")
}

// secret is the event's webhook secret: its own secret_env, else the
// server's; "" when the event is unsigned.
func (s *Server) secret(ev *events.Event) string {
	if ev.Config.SecretEnv != "" {
		return s.opts.Getenv(ev.Config.SecretEnv)
	}
	return s.opts.Secret
}

// authenticateEvent lets an event request in, or answers why not. ev is
// nil for an unknown name, which only the bearer token lets through (to
// its 404). A signed event takes only a valid, fresh signature of the raw
// body, and then the signature is returned; any other takes the bearer
// token (when set).
func (s *Server) authenticateEvent(r *http.Request, ev *events.Event, body []byte) (*Signature, error) {
	if !s.signed(ev) {
		if !s.authorized(r) {
			return nil, s.eventDenied()
		}
		return nil, nil
	}
	secret := s.secret(ev)
	if secret == "" {
		if !s.authorized(r) {
			return nil, s.eventDenied()
		}
		return nil, &Error{Status: http.StatusServiceUnavailable, Code: "no_secret",
			Message: "event " + ev.Name + ": its secret_env " + ev.Config.SecretEnv + " is empty on the server; refusing unsigned requests"}
	}
	sig, err := ParseSignature(r.Header.Get(SignatureHeader))
	if err != nil {
		return nil, s.eventDenied()
	}
	mac := sig.Match(secret, body)
	if mac == nil {
		return nil, s.eventDenied()
	}
	if err := s.fresh(sig); err != nil {
		return nil, err
	}
	return &Signature{Unix: sig.Unix, V1: [][]byte{mac}}, nil
}

// fresh refuses a signature whose time is further than the tolerance
// from the server's clock. It is checked after the MAC, so only a sender
// who once held a valid signature for this event hears about the clock.
func (s *Server) fresh(sig Signature) error {
	skew := s.clock().Sub(sig.Time())
	if skew.Abs() <= s.opts.WebhookTolerance {
		return nil
	}
	how := "behind"
	if skew < 0 {
		how = "ahead of"
	}
	return &Error{Status: http.StatusUnauthorized, Code: "stale_signature",
		Message: fmt.Sprintf("%s t=%d is %s %s the server's clock, outside the tolerance of %s (--webhook-tolerance): sign each request when it is sent, and keep the sender's clock in time",
			SignatureHeader, sig.Unix, skew.Abs().Round(time.Second), how, s.opts.WebhookTolerance)}
}
