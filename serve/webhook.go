package serve

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/serve/events"
)

// EventRequest is the body of POST /v1/events/{name}.
type EventRequest struct {
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
	Profile map[string]any  `json:"profile"`
	Message *render.Message `json:"message"`
	// Outbox is the .eml file written, when the event has outbox: true.
	Outbox string `json:"outbox,omitempty"`
	// Sent says the message went out through SMTP (send: true).
	Sent bool `json:"sent,omitempty"`
}

func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) error {
	st := s.state.Load()
	name := r.PathValue("name")
	ev, ok := st.events[name]
	if !ok {
		msg := "no event " + quote(name) + " in tailor.yaml's events:"
		if s.authorized(r) { // only callers with the token learn the names
			msg += " (have " + eventNames(st.events) + ")"
		}
		return &Error{Status: http.StatusNotFound, Code: "unknown_event", Field: "name", Message: msg}
	}
	body, err := readBody(r)
	if err != nil {
		return err
	}
	if err := s.authorizeEvent(r, ev, body); err != nil {
		return err
	}
	var req EventRequest
	if err := decodeStrict(body, &req); err != nil {
		return err
	}
	if req.Profile == nil {
		return badRequest("missing_field", "profile", "profile: want a JSON object, the recipient before the event")
	}
	now, err := s.now(req.Now)
	if err != nil {
		return err
	}
	profile, err := ev.Apply(req.Profile, req.Event, now)
	if err != nil {
		return badRequest("bad_event", "event", "event %s: %s", name, err.Error())
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.RenderTimeout)
	defer cancel()
	msg, err := s.render(ctx, st, "event", ev.Config.Email, profile, now)
	if err != nil {
		return err
	}
	resp := EventResponse{Event: name, Profile: profile, Message: msg}
	if err := s.deliver(ctx, st, ev, msg, &resp); err != nil {
		return err
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
