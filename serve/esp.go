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
	// Recorded counts the outcomes joined to a logged send and stored.
	Recorded int `json:"recorded"`
	// Unmatched counts the events that name no message in the send log
	// (sent by something else, or before the log was kept).
	Unmatched int `json:"unmatched"`
	// Ignored counts the provider's events that are no outcome.
	Ignored int `json:"ignored"`
	// Suppressed counts the recipients suppressed: on every list for a
	// hard bounce or a complaint, on the campaign's for an unsubscribe.
	Suppressed int `json:"suppressed"`
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
	resp := ESPResponse{Ignored: b.Ignored, SubscribeURL: b.SubscribeURL}
	if b.SubscribeURL != "" {
		fmt.Fprintf(s.opts.Log, "tailor serve: Amazon SNS asks to confirm a subscription: open %s\n", b.SubscribeURL)
	}
	if err := s.recordESP(r, b, &resp); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// recordESP joins the events to the send log and records them.
func (s *Server) recordESP(r *http.Request, b esp.Batch, resp *ESPResponse) error {
	ctx, st := r.Context(), s.state.Load()
	var ids []string
	for _, e := range b.Events {
		ids = append(ids, e.IDs...)
	}
	sends, err := s.opts.Store.SendsByID(ctx, ids...)
	if err != nil {
		return err
	}
	var out []store.Outcome
	for _, e := range b.Events {
		sd, ok := joined(e, sends)
		if !ok {
			resp.Unmatched++
			continue
		}
		o := e.Outcome
		o.MessageID, o.Recipient = sd.MessageID, sd.Recipient
		if (o.Kind == store.Opened || o.Kind == store.Clicked) && !o.Machine && e.UserAgent != "" {
			h := track.Hit{Kind: o.Kind, UserAgent: e.UserAgent, At: o.At, Sent: sd.At}
			h.Remote, _ = netip.ParseAddr(e.IP)
			o.Machine, _ = track.Machine(h)
		}
		out = append(out, o)
		if sp, ok := suppression(e, sd, unsubscribe.ListOf(st.campaign)); ok {
			if err := s.opts.Store.Suppress(ctx, sp); err != nil {
				return err
			}
			resp.Suppressed++
		}
	}
	if err := s.opts.Store.RecordOutcomes(ctx, out); err != nil {
		return err
	}
	resp.Recorded = len(out)
	return nil
}

// joined is the logged send an event names, by its first ID the log has.
func joined(e esp.Event, sends map[string]store.Send) (store.Send, bool) {
	for _, id := range e.IDs {
		if sd, ok := sends[id]; ok {
			return sd, true
		}
	}
	return store.Send{}, false
}

// suppression is what an event suppresses: the address (the send's, else
// the provider's) on every list for a hard bounce or a complaint, on the
// campaign's list for an unsubscribe.
func suppression(e esp.Event, sd store.Send, list string) (store.Suppression, bool) {
	who := sd.Email
	if who == "" {
		who = e.Email
	}
	sp := store.Suppression{Who: who, List: store.AllLists, Reason: string(e.Kind), At: e.At}
	switch {
	case who == "":
		return sp, false
	case e.Kind == store.Bounced && e.Permanent, e.Kind == store.Complained:
		return sp, true
	case e.Kind == store.Unsubscribe:
		sp.List = list
		return sp, true
	}
	return sp, false
}
