package serve

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"time"

	"github.com/tailor-email/tailor/esp"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/track"
	"github.com/tailor-email/tailor/unsubscribe"
)

// ESPResponse answers an ESP webhook: what its events came to.
type ESPResponse struct {
	esp.Counts
	// SubscribeURL is Amazon SNS's subscription confirmation URL, which
	// tailor does not visit itself: confirm it (see docs/measure.md).
	SubscribeURL string `json:"subscribe_url,omitempty"`
}

// espRoute wraps an ESP webhook with the API's credentials, which the
// providers send as the password of HTTP Basic authentication in the
// webhook's URL (https://tailor:TOKEN@host/v1/esp/ses) or as a bearer
// token; then the body limit and metrics, as route does.
func (s *Server) espRoute(name string, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() { s.metrics.observe(name, rec.status, time.Since(start)) }()
		if !s.authorized(r) && !s.basicAuthorized(r) {
			rec.Header().Set("WWW-Authenticate", `Basic realm="tailor"`)
			writeError(rec, unauthorized())
			return
		}
		r.Body = http.MaxBytesReader(rec, r.Body, s.opts.MaxBody)
		if err := s.safely(h, rec, r); err != nil {
			writeError(rec, err)
		}
	})
}

// basicAuthorized says whether r's Basic credentials carry the token as
// their password.
func (s *Server) basicAuthorized(r *http.Request) bool {
	_, pass, ok := r.BasicAuth()
	return ok && s.opts.AuthToken != "" && subtle.ConstantTimeCompare([]byte(pass), []byte(s.opts.AuthToken)) == 1
}

// handleESP records a provider's events as outcomes of the sends they
// name, and suppresses who bounced hard, complained or unsubscribed.
func (s *Server) handleESP(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	b, err := esp.Parse(r.PathValue("provider"), body)
	if errors.Is(err, esp.ErrUnknownProvider) {
		return &Error{Status: http.StatusNotFound, Code: "unknown_provider", Field: "provider", Message: err.Error()}
	}
	if err != nil {
		return badRequest("bad_body", "", "%s", err.Error())
	}
	resp := ESPResponse{SubscribeURL: b.SubscribeURL}
	if b.SubscribeURL != "" {
		fmt.Fprintf(s.opts.Log, "tailor serve: Amazon SNS asks to confirm a subscription: open %s\n", b.SubscribeURL)
	}
	if err := s.recordESP(r, b, &resp); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// recordESP joins the events to the send log and records them
// (esp.Record), marking the opens and clicks track.Machine tells.
func (s *Server) recordESP(r *http.Request, b esp.Batch, resp *ESPResponse) error {
	c, err := esp.Record(r.Context(), s.opts.Store, b, unsubscribe.ListOf(s.state.Load().campaign), espMachine)
	resp.Counts = c
	return err
}

// espMachine says whether an ESP's open or click, of send sd, was a
// machine's, by track.Machine.
func espMachine(e esp.Event, sd store.Send) bool {
	if e.UserAgent == "" {
		return false // the provider says nothing of who
	}
	h := track.Hit{Kind: e.Kind, UserAgent: e.UserAgent, At: e.At, Sent: sd.At}
	h.Remote, _ = netip.ParseAddr(e.IP)
	m, _ := track.Machine(h)
	return m
}
