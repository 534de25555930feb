package serve

import (
	"context"
	"encoding/json"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
)

// RenderRequest is the body of POST /v1/render.
type RenderRequest struct {
	Template string         `json:"template"`
	Profile  map[string]any `json:"profile"`
	// Now is the clock, RFC 3339; default the server's (--now, else the
	// wall clock).
	Now string `json:"now,omitempty"`
	// Format is json (the message as JSON, the default) or eml.
	Format string `json:"format,omitempty"`
	// Record logs the message in the store's send log, for a caller that
	// sends it (tracking.go).
	Record bool `json:"record,omitempty"`
	// typed says Profile was typed as it was decoded (decodeQuick), so
	// typeProfile has nothing to do: it fit the schema.
	typed bool
}

// BatchRequest is the body of POST /v1/render/batch.
type BatchRequest struct {
	Template string            `json:"template"`
	Profiles []json.RawMessage `json:"profiles"`
	Now      string            `json:"now,omitempty"`
	// Record logs every message rendered in the store's send log.
	Record bool `json:"record,omitempty"`
	// decoded holds the profiles when the fast path decoded the body (see
	// quickRequest); Profiles then only counts them.
	decoded []any
}

// BatchResult is one profile's outcome, in request order.
type BatchResult struct {
	Message *message.JSON `json:"message,omitempty"`
	Error   *Error        `json:"error,omitempty"`
}

// BatchResponse answers a batch: one result per profile.
type BatchResponse struct {
	Results  []BatchResult `json:"results"`
	Rendered int           `json:"rendered"`
	Failed   int           `json:"failed"`
	// Suppressed counts the profiles whose recipient the store suppresses
	// (each result a 409 suppressed error), neither rendered nor failed.
	Suppressed int `json:"suppressed"`
}

func (s *Server) handleRender(w http.ResponseWriter, r *http.Request) error {
	var req RenderRequest
	st, body, err := s.decodeFor(r, &req, &req.Template)
	defer s.bufs.Put(body)
	if err != nil {
		return err
	}
	if req.Profile == nil {
		return badRequest("missing_field", "profile", "profile: want a JSON object, the recipient's fields")
	}
	if req.Format != "" && req.Format != "json" && req.Format != "eml" {
		return badRequest("bad_format", "format", "format: want json or eml, got %q", req.Format)
	}
	now, err := s.now(req.Now)
	if err != nil {
		return err
	}
	ctx := renderContext(r.Context(), s.opts.RenderTimeout)
	if err := s.skipSuppressed(ctx, st.campaign, req.Profile, "profile"); err != nil {
		return err
	}
	var dataErrs []*schema.Error
	if !req.typed {
		dataErrs = typeProfile(st.campaign, req.Profile, body, []string{"profile"}, requestSource)
	}
	rr := render.Request{Email: req.Template, Profile: req.Profile, Now: now, DataErrors: dataErrs}
	if req.Format != "eml" {
		htmlJSON := s.bufs.Get(htmlJSONSize)
		rr.HTMLJSON = &htmlJSON
		defer func() { s.bufs.Put(*rr.HTMLJSON) }()
	}
	msg, err := s.render(ctx, st, "render", rr)
	if err != nil {
		return err
	}
	if err := s.finishMessage(ctx, st, msg, rr.HTMLJSON, req.Record); err != nil { // tracking.go
		return err
	}
	return s.writeMessage(w, msg, req.Format, rr.HTMLJSON)
}

func (s *Server) handleBatch(w http.ResponseWriter, r *http.Request) error {
	var req BatchRequest
	st, body, err := s.decodeFor(r, &req, &req.Template)
	defer s.bufs.Put(body)
	if err != nil {
		return err
	}
	if req.Profiles == nil {
		return badRequest("missing_field", "profiles", "profiles: want a list of profiles")
	}
	if len(req.Profiles) > s.opts.MaxBatch {
		return badRequest("too_many", "profiles", "profiles: %d is over this server's limit of %d per batch", len(req.Profiles), s.opts.MaxBatch)
	}
	now, err := s.now(req.Now)
	if err != nil {
		return err
	}
	ctx := renderContext(r.Context(), s.opts.RenderTimeout)
	resp := BatchResponse{Results: make([]BatchResult, len(req.Profiles))}
	s.forEach(len(req.Profiles), func(i int) {
		p, ok := batchProfile(&req, i)
		resp.Results[i] = s.renderOne(ctx, st, req.Template, body, p, ok, i, now, req.Record)
	})
	for _, res := range resp.Results {
		switch {
		case res.Error != nil && res.Error.Code == "suppressed":
			resp.Suppressed++
		case res.Error != nil:
			resp.Failed++
		default:
			resp.Rendered++
		}
	}
	s.writeBatch(w, &resp)
	return nil
}

// batchProfile is profile i of a batch: decoded already, or decoded now
// from its JSON; ok is false when it is not a JSON object.
func batchProfile(req *BatchRequest, i int) (map[string]any, bool) {
	if req.decoded != nil {
		p, ok := req.decoded[i].(map[string]any)
		return p, ok && p != nil
	}
	var p map[string]any
	err := json.Unmarshal(req.Profiles[i], &p)
	return p, err == nil && p != nil
}

// renderOne renders profile i of a batch (body is the request's, for
// placing data errors), or says it is no object. Its message's HTML is
// in JSON form, in a buffer writeBatch gives back.
func (s *Server) renderOne(ctx context.Context, st *state, email string, body []byte, p map[string]any, ok bool, i int, now time.Time, record bool) BatchResult {
	if !ok {
		e := badRequest("bad_profile", "profiles["+itoa(i)+"]", "profiles[%d]: want a JSON object", i)
		return BatchResult{Error: e}
	}
	if err := s.skipSuppressed(ctx, st.campaign, p, "profiles["+itoa(i)+"]"); err != nil {
		e, ok := err.(*Error)
		if !ok {
			e = &Error{Status: http.StatusInternalServerError, Code: "store_failed", Field: "profiles[" + itoa(i) + "]", Message: err.Error()}
		}
		return BatchResult{Error: e}
	}
	dataErrs := typeProfile(st.campaign, p, body, []string{"profiles", itoa(i)}, requestSource)
	htmlJSON := s.bufs.Get(htmlJSONSize)
	msg, err := s.render(ctx, st, "batch", render.Request{Email: email, Profile: p, Now: now, DataErrors: dataErrs, HTMLJSON: &htmlJSON})
	if err != nil {
		s.bufs.Put(htmlJSON)
		e, _ := err.(*Error)
		return BatchResult{Error: e}
	}
	if err := s.finishMessage(ctx, st, msg, &htmlJSON, record); err != nil { // tracking.go
		s.bufs.Put(htmlJSON)
		e, ok := err.(*Error)
		if !ok {
			e = &Error{Status: http.StatusInternalServerError, Code: "store_failed", Field: "profiles[" + itoa(i) + "]", Message: err.Error()}
		}
		return BatchResult{Error: e}
	}
	j := message.Of(msg)
	j.HTMLJSON = htmlJSON
	return BatchResult{Message: &j}
}

// forEach runs f(0..n-1) on up to GOMAXPROCS goroutines.
func (s *Server) forEach(n int, f func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// render renders one recipient on the state's campaign, counting it; a
// failure is a 422 naming the recipient. The profile is typed (see
// typeProfile): its data errors go in req.
func (s *Server) render(ctx context.Context, st *state, route string, req render.Request) (*render.Message, error) {
	req, err := s.withEngagement(ctx, st.campaign, req)
	if err != nil {
		return nil, err
	}
	msg, err := st.campaign.Render(ctx, req)
	s.metrics.rendered(route, err)
	if err != nil {
		return nil, renderFailed(st.campaign.RecipientID(req.Profile), err)
	}
	return msg, nil
}

// decodeFor strictly decodes a render request's body into req and
// returns the build to serve it with, once the request's template (read
// from *template, which decoding sets) is one of the build's emails; and
// the body, in a buffer of s.bufs the caller gives back when it is done
// (whatever the error).
func (s *Server) decodeFor(r *http.Request, req any, template *string) (*state, []byte, error) {
	body, err := readInto(r, s.bufs.Get(int(min(max(r.ContentLength, 0), s.opts.MaxBody))+1))
	if err != nil {
		return nil, body, err
	}
	st := s.state.Load()
	var root *schema.Field
	if sc := st.campaign.Schema; sc != nil {
		root = sc.Root()
	}
	if !decodeQuick(body, req, root) {
		if err := decodeStrict(body, req); err != nil {
			return nil, body, err
		}
	}
	return st, body, checkTemplate(st.campaign, *template)
}

// now is the request's clock: its own, the server's fixed one, or the
// wall clock. tailor.yaml's now (for goldens) does not apply to the API.
func (s *Server) now(field string) (time.Time, error) {
	t, err := parseNow(field)
	switch {
	case err != nil:
		return time.Time{}, err
	case !t.IsZero():
		return t, nil
	case !s.opts.Now.IsZero():
		return s.opts.Now, nil
	}
	return s.clock(), nil
}

// checkTemplate refuses a missing or unknown email name.
func checkTemplate(c *render.Campaign, name string) error {
	if name == "" {
		return badRequest("missing_field", "template", "template: missing; the workspace has %s", strings.Join(c.Emails(), ", "))
	}
	if _, ok := c.Email(name); !ok {
		return badRequest("unknown_template", "template", "template: no email %q in the workspace (have %s)", name, strings.Join(c.Emails(), ", "))
	}
	return nil
}
