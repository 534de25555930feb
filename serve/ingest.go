package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/serve/events"
	"github.com/tailor-email/tailor/serve/ingest"
	"github.com/tailor-email/tailor/store"
)

// ingester applies events of the build st to the server's store.
func (s *Server) ingester(st *state) *ingest.Ingester {
	return &ingest.Ingester{Campaign: st.campaign, Events: st.events, Store: s.opts.Store, Sink: s.opts.Transitions}
}

// Transition is a recorded transition as the API shows it.
type Transition struct {
	// Segment and Entered: the profile entered (or left) the segment.
	Segment string `json:"segment,omitempty"`
	Entered bool   `json:"entered,omitempty"`
	// Score, From and To: the score's tier changed from From to To.
	Score string    `json:"score,omitempty"`
	From  string    `json:"from,omitempty"`
	To    string    `json:"to,omitempty"`
	At    time.Time `json:"at"`
	// Cause is the event "NAME#SEQ" or "refresh".
	Cause string `json:"cause"`
}

func transitionsJSON(ts []store.Transition) []Transition {
	if len(ts) == 0 {
		return nil
	}
	out := make([]Transition, len(ts))
	for i, t := range ts {
		out[i] = Transition{Segment: t.Segment, Entered: t.Entered, Score: t.Score, From: t.From, To: t.To, At: t.At, Cause: t.Cause}
	}
	return out
}

// applyEvent stores the event of req in its profile through the store, in
// one transaction, and returns what it did. The profile before the event
// is req.Profile (typed by the caller) when given, else the stored one.
func (s *Server) applyEvent(ctx context.Context, st *state, name string, req EventRequest, now time.Time) (ingest.Result, error) {
	res, err := s.ingester(st).Event(ctx, ingest.Input{Name: name, ID: req.ID, Profile: req.Profile, Event: req.Event, Now: now})
	s.metrics.ingest.counted(res, err)
	if err != nil {
		return res, ingestError(err, req.ID)
	}
	if res.SinkErr != nil {
		fmt.Fprintf(s.opts.Log, "tailor serve: %v\n", res.SinkErr)
	}
	return res, nil
}

// ingestError is the API error of an event that did not apply.
func ingestError(err error, id string) error {
	switch {
	case errors.Is(err, ingest.ErrUnknownProfile):
		return &Error{Status: http.StatusNotFound, Code: "unknown_profile", Field: "id", Recipient: id, Message: "no stored profile " + quote(id) + ": send its profile, or import it first"}
	case errors.Is(err, ingest.ErrNoID):
		return badRequest("missing_field", "id", "%s", err.Error())
	case errors.Is(err, ingest.ErrBadEvent):
		return badRequest("bad_event", "event", "%s", err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Status: http.StatusServiceUnavailable, Code: "busy", Recipient: id, Message: "the store did not take the event in time: nothing was applied; send it again"}
	case errors.Is(err, ingest.ErrUnknownEvent):
		return &Error{Status: http.StatusNotFound, Code: "unknown_event", Field: "name", Message: err.Error()}
	}
	return err
}

// eventProfile applies the event: through the store in one transaction
// when there is one (its answer says whether the recipient is
// suppressed, and the transitions), else to the request's profile alone.
// It returns the values the schema refused in the profile after it.
func (s *Server) eventProfile(ctx context.Context, st *state, ev *events.Event, req EventRequest, now time.Time) (EventResponse, []*schema.Error, error) {
	if s.opts.Store == nil {
		profile, err := ev.Apply(req.Profile, req.Event, now)
		if err != nil {
			return EventResponse{}, nil, badRequest("bad_event", "event", "event %s: %s", ev.Name, err.Error())
		}
		// What the event merged in (text from its templates) is typed too.
		errs := typeProfile(st.campaign, profile, nil, nil, "event "+ev.Name)
		return EventResponse{Event: ev.Name, Profile: profile}, errs, nil
	}
	res, err := s.applyEvent(ctx, st, ev.Name, req, now)
	if err != nil {
		return EventResponse{}, nil, err
	}
	resp := EventResponse{Event: ev.Name, Profile: res.Profile, Seq: res.Seq, Transitions: transitionsJSON(res.Transitions)}
	resp.Suppressed, err = s.suppressed(ctx, st.campaign, res.Profile)
	return resp, res.DataErrors, err
}
