package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/tailor-email/tailor/serve/ingest"
	"github.com/tailor-email/tailor/store"
)

// ingestRoutes adds the routes of stored profiles and events, when the
// server has a store: POST /v1/events (a batch of events, each applied
// in its own transaction) and GET /v1/profiles/{id}. Both need the API's
// credentials.
func (s *Server) ingestRoutes(mux *http.ServeMux) {
	if s.opts.Store == nil {
		return
	}
	mux.Handle("POST /v1/events", s.route("events", s.handleEvents))
	mux.Handle("GET /v1/profiles/{id}", s.route("profile", s.handleProfile))
}

// EventsRequest is the body of POST /v1/events.
type EventsRequest struct {
	Events []BatchEvent `json:"events"`
}

// BatchEvent is one event of a batch: EventRequest with its name.
type BatchEvent struct {
	Name    string         `json:"name"`
	ID      string         `json:"id,omitempty"`
	Profile map[string]any `json:"profile,omitempty"`
	Event   map[string]any `json:"event"`
	Now     string         `json:"now,omitempty"`
}

// EventsResponse answers POST /v1/events: one result per event, in order.
type EventsResponse struct {
	Results []EventResult `json:"results"`
	Applied int           `json:"applied"`
	Failed  int           `json:"failed"`
}

// EventResult is what one event of a batch did, or its error.
type EventResult struct {
	Event       string       `json:"event"`
	ID          string       `json:"id,omitempty"`
	Seq         int64        `json:"seq,omitempty"`
	Transitions []Transition `json:"transitions,omitempty"`
	Error       *Error       `json:"error,omitempty"`
}

// handleEvents applies a batch of events to their stored profiles, each
// in its own transaction: one that fails gets its error and the others
// still apply. It renders no email (the transitions are for triggers).
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	var req EventsRequest
	if err := decodeStrict(body, &req); err != nil {
		return err
	}
	if len(req.Events) > s.opts.MaxBatch {
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "batch_too_large", Field: "events",
			Message: fmt.Sprintf("events: %d events, at most %d in one request", len(req.Events), s.opts.MaxBatch)}
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.RenderTimeout)
	defer cancel()
	resp, err := s.applyBatch(ctx, s.state.Load(), req.Events)
	if err != nil {
		return ingestError(err, "")
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// applyBatch applies the events of a batch in one store transaction, a
// savepoint each (ingest.Ingester.Batch).
func (s *Server) applyBatch(ctx context.Context, st *state, evs []BatchEvent) (EventsResponse, error) {
	resp := EventsResponse{Results: make([]EventResult, len(evs))}
	ins := make([]ingest.Input, len(evs))
	bad := make([]error, len(evs))
	for i, e := range evs {
		now, err := s.now(e.Now)
		if e.Profile != nil {
			typeProfile(st.campaign, e.Profile, nil, nil, requestSource)
		}
		ins[i], bad[i] = ingest.Input{Name: e.Name, ID: e.ID, Profile: e.Profile, Event: e.Event, Now: now}, err
		if err != nil {
			ins[i].Name = "" // not applied: Batch refuses it as an unknown event
		}
	}
	results, errs, err := s.ingester(st).Batch(ctx, ins)
	if err != nil {
		return resp, err
	}
	for i, e := range evs {
		err := errs[i]
		if bad[i] != nil {
			err = bad[i]
		}
		s.metrics.ingest.counted(results[i], err)
		resp.Results[i] = batchResult(i, e, results[i], err)
		if err != nil {
			resp.Failed++
		} else {
			resp.Applied++
			s.convert(ctx, st, e.Name, results[i].ID, e.Event, ins[i].Now) // tracking.go
		}
	}
	s.logSinkErrs(results)
	return resp, nil
}

// batchResult is the answer of the i-th event of a batch.
func batchResult(i int, e BatchEvent, res ingest.Result, err error) EventResult {
	out := EventResult{Event: e.Name, ID: e.ID}
	if err == nil {
		out.ID, out.Seq, out.Transitions = res.ID, res.Seq, transitionsJSON(res.Transitions)
		return out
	}
	var apiErr *Error
	if !errors.As(ingestError(err, e.ID), &apiErr) {
		apiErr = &Error{Status: http.StatusInternalServerError, Code: "internal", Message: err.Error()}
	}
	if apiErr.Field != "" {
		apiErr.Field = fmt.Sprintf("events[%d].%s", i, apiErr.Field)
	}
	out.Error = apiErr
	return out
}

// logSinkErrs logs the transition sink's errors of a batch.
func (s *Server) logSinkErrs(results []ingest.Result) {
	for _, res := range results {
		if res.SinkErr != nil {
			fmt.Fprintf(s.opts.Log, "tailor serve: %v\n", res.SinkErr)
		}
	}
}

// ProfileResponse answers GET /v1/profiles/{id}.
type ProfileResponse struct {
	ID      string          `json:"id"`
	Profile json.RawMessage `json:"profile"`
	Updated time.Time       `json:"updated"`
	// Segments are the segments the profile is in, with when it entered.
	Segments []SegmentState `json:"segments"`
	Scores   []ScoreState   `json:"scores"`
	// Events are the recent events, newest first (at most 20).
	Events []StoredEvent `json:"events"`
	// Transitions are the recent transitions, newest first (at most 50).
	Transitions []Transition `json:"transitions"`
	// PendingJobs are the triggers' emails scheduled for the profile and
	// not yet done (pending, or running on a server), soonest first.
	PendingJobs []PendingJob `json:"pending_jobs"`
}

// PendingJob is a trigger's scheduled email of a profile.
type PendingJob struct {
	ID       int64     `json:"id"`
	Trigger  string    `json:"trigger"`
	Email    string    `json:"email"`
	Due      time.Time `json:"due"`
	State    string    `json:"state"`
	Attempts int       `json:"attempts"`
	Note     string    `json:"note,omitempty"`
}

// SegmentState is a segment the profile is in, since when.
type SegmentState struct {
	Segment string    `json:"segment"`
	Since   time.Time `json:"since"`
}

// ScoreState is a score's stored points and tier.
type ScoreState struct {
	Score  string    `json:"score"`
	Points int       `json:"points"`
	Tier   string    `json:"tier"`
	Since  time.Time `json:"since"`
}

// StoredEvent is one stored event.
type StoredEvent struct {
	Seq   int64           `json:"seq"`
	Name  string          `json:"name"`
	At    time.Time       `json:"at"`
	Event json.RawMessage `json:"event,omitempty"`
}

// The recent events and transitions GET /v1/profiles/{id} shows.
const (
	recentEvents      = 20
	recentTransitions = 50
)

// handleProfile shows a stored profile with its segments, scores, recent
// events and transitions.
func (s *Server) handleProfile(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	ctx, st := r.Context(), s.opts.Store
	got, err := st.Get(ctx, id)
	if err != nil {
		return err
	}
	p, ok := got[id]
	if !ok {
		return &Error{Status: http.StatusNotFound, Code: "unknown_profile", Field: "id", Message: "no stored profile " + quote(id)}
	}
	resp := ProfileResponse{ID: id, Profile: p.Data, Updated: p.Updated, Segments: []SegmentState{}, Scores: []ScoreState{}, Events: []StoredEvent{}}
	if err := s.fillProfile(ctx, st, id, &resp); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// fillProfile reads id's segments, scores, events and transitions.
func (s *Server) fillProfile(ctx context.Context, st store.Store, id string, resp *ProfileResponse) error {
	ms, err := st.Segments(ctx, id)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Member {
			resp.Segments = append(resp.Segments, SegmentState{Segment: m.Segment, Since: m.Changed})
		}
	}
	scores, err := st.Scores(ctx, id)
	if err != nil {
		return err
	}
	for _, sc := range scores {
		resp.Scores = append(resp.Scores, ScoreState{Score: sc.Score, Points: sc.Points, Tier: sc.Tier, Since: sc.Changed})
	}
	evs, err := st.RecentEvents(ctx, id, recentEvents)
	if err != nil {
		return err
	}
	for _, e := range evs {
		resp.Events = append(resp.Events, StoredEvent{Seq: e.Seq, Name: e.Name, At: e.At, Event: e.Data})
	}
	ts, err := st.History(ctx, id, recentTransitions)
	if err != nil {
		return err
	}
	resp.Transitions = transitionsJSON(ts)
	if resp.Transitions == nil {
		resp.Transitions = []Transition{}
	}
	resp.PendingJobs, err = pendingJobs(ctx, st, id)
	return err
}

// recentJobs bounds the jobs GET /v1/profiles/{id} looks through.
const recentJobs = 100

// pendingJobs lists id's jobs not yet done among its latest, soonest first.
func pendingJobs(ctx context.Context, st store.Store, id string) ([]PendingJob, error) {
	jobs, err := st.RecentJobs(ctx, id, recentJobs)
	if err != nil {
		return nil, err
	}
	out := []PendingJob{}
	for _, j := range jobs {
		if j.State == store.JobPending || j.State == store.JobRunning {
			out = append(out, PendingJob{ID: j.ID, Trigger: j.Trigger, Email: j.Email, Due: j.Due, State: string(j.State), Attempts: j.Attempts, Note: j.Note})
		}
	}
	slices.SortStableFunc(out, func(a, b PendingJob) int { return a.Due.Compare(b.Due) })
	return out, nil
}
