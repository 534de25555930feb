package serve

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/serve/events"
)

// EventRequest is the body of POST /v1/events/{name}.
type EventRequest struct {
	// ID, with a store, names the stored recipient the event is for when
	// Profile is not given.
	ID string `json:"id,omitempty"`
	// Profile is the recipient as it was before the event.
	Profile map[string]any `json:"profile"`
	// Event is the payload that tailor.yaml's merge and append read as .Event.
	Event map[string]any `json:"event"`
	Now   string         `json:"now,omitempty"`
}

// EventResponse is the rendered email of an event and where it went.
type EventResponse struct {
	Event string `json:"event"`
	// Profile is the profile after the event, as rendered.
	Profile map[string]any `json:"profile"`
	Message *message.JSON  `json:"message"`
	// Outbox is the .eml file written, when the event has outbox: true.
	Outbox string `json:"outbox,omitempty"`
	// Sent says the message went out through SMTP (send: true).
	Sent bool `json:"sent,omitempty"`
	// Suppressed says the recipient is on the store's suppression list:
	// the event is stored, and no email is rendered (Message is null).
	Suppressed bool `json:"suppressed,omitempty"`
	// Seq and Transitions, with a store: the stored event's sequence
	// number and the transitions it made (ingest.go).
	Seq         int64        `json:"seq,omitempty"`
	Transitions []Transition `json:"transitions,omitempty"`
}

// handleEvent authenticates first, for every name, so that a caller
// without credentials gets the same 401 for an event that exists and one
// that does not; then it runs the event at most once per replay key.
func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) error {
	st := s.state.Load()
	name := r.PathValue("name")
	ev := st.events[name] // nil when there is no such event
	body, err := readBody(r)
	if err != nil {
		return err
	}
	sig, err := s.authenticateEvent(r, ev, body)
	if err != nil {
		return err
	}
	if ev == nil {
		return &Error{Status: http.StatusNotFound, Code: "unknown_event", Field: "name",
			Message: "no event " + quote(name) + " in tailor.yaml's events: (have " + eventNames(st.events) + ")"}
	}
	var signedAt time.Time
	if sig != nil {
		signedAt = sig.Time()
	}
	keys := replayKeys(name, sig, r.Header.Get(IdempotencyHeader))
	return s.once(w, keys, body, signedAt, func(w http.ResponseWriter) error {
		return s.runEvent(w, r, st, ev, body)
	})
}

// runEvent merges an authenticated event into its profile, renders and
// delivers the message.
func (s *Server) runEvent(w http.ResponseWriter, r *http.Request, st *state, ev *events.Event, body []byte) error {
	var req EventRequest
	if err := decodeStrict(body, &req); err != nil {
		return err
	}
	if req.Profile == nil && (s.opts.Store == nil || req.ID == "") {
		return badRequest("missing_field", "profile", "profile: want a JSON object, the recipient before the event (or, with a store, the id of a stored one)")
	}
	now, err := s.now(req.Now)
	if err != nil {
		return err
	}
	var dataErrs []*schema.Error
	if req.Profile != nil {
		dataErrs = typeProfile(st.campaign, req.Profile, body, []string{"profile"}, requestSource)
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.RenderTimeout)
	defer cancel()
	resp, more, err := s.eventProfile(ctx, st, ev, req, now)
	if err != nil || resp.Suppressed {
		if err == nil {
			writeJSON(w, http.StatusOK, resp)
		}
		return err
	}
	dataErrs = append(dataErrs, more...)
	s.convert(ctx, st, ev.Name, st.campaign.RecipientID(resp.Profile), req.Event, now) // tracking.go
	msg, err := s.render(ctx, st, "event", render.Request{Email: ev.Config.Email, Profile: resp.Profile, Now: now, DataErrors: dataErrs})
	if err != nil {
		return err
	}
	if _, err := s.trackMessage(ctx, st, msg, nil); err != nil {
		return err
	}
	j := message.Of(msg)
	resp.Message = &j
	if err := s.deliver(ctx, st, ev, msg, &resp); err != nil {
		return err
	}
	if resp.Outbox != "" || resp.Sent {
		s.logSent(ctx, "event:"+ev.Name, msg, "") // tracking.go
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

func eventNames(m map[string]*events.Event) string {
	if len(m) == 0 {
		return "none"
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
