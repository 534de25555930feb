package serve

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"net/http"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tailor-email/tailor/internal/bufpool"
	"github.com/tailor-email/tailor/internal/httpserve"
	"github.com/tailor-email/tailor/reload"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/serve/events"
	"github.com/tailor-email/tailor/smtp"
	"github.com/tailor-email/tailor/track"
	"github.com/tailor-email/tailor/trigger"
	"github.com/tailor-email/tailor/workspace"
)

// Server answers the render API from a workspace kept current by reload.
type Server struct {
	ws      *reload.Workspace
	opts    Options
	state   atomic.Pointer[state]
	metrics *metrics
	// clock is the wall clock, Options.Clock.
	clock     func() time.Time
	outboxSeq atomic.Int64
	// replays keeps event answers for the tolerance window.
	replays *replays
	// bufs recycles the buffers of bodies and answers; writers, the
	// buffered writers of batch answers.
	bufs    bufpool.Pool
	writers sync.Pool
	// signers keeps the tracking signer (tracking.go).
	signers signerCache
	hooks   refreshHooks // refresh.go: the refresher's test hooks
}

// state is one good build, its events and its smtp:; a request takes it
// once.
type state struct {
	tracking track.Settings // tailor.yaml's tracking: (tracking.go)
	campaign *render.Campaign
	events   map[string]*events.Event
	smtp     *smtp.Config       // tailor.yaml's smtp:, nil when it has none
	triggers []*trigger.Trigger // tailor.yaml's triggers: (jobs.go)
	version  int
}

// New returns a Server on the workspace's current build. It fails when
// the workspace's events: section does not compile.
func New(ws *reload.Workspace, opts Options) (*Server, error) {
	opts.defaults()
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	s := &Server{ws: ws, opts: opts, clock: opts.Clock,
		replays: newReplays(opts.IdempotencyCache, opts.WebhookTolerance),
		writers: sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 256<<10) }}}
	s.metrics = newMetrics(func() float64 { return float64(s.state.Load().version) })
	s.initJobs() // jobs.go: the triggers' scheduler is the store's transition sink
	st, err := s.load(ws.Good())
	if err != nil {
		return nil, err
	}
	s.state.Store(st)
	return s, nil
}

// load pairs a good build with its events: and smtp: sections, from the
// tailor.yaml the build read.
func (s *Server) load(b reload.Build) (*state, error) {
	st := &state{campaign: b.Campaign, version: b.Version}
	var err error
	if st.events, err = events.FromConfig(b.Campaign.Config); err != nil {
		return nil, err
	}
	if st.smtp, err = workspace.DecodeSection[smtp.Config](b.Campaign.Config.SMTP); err != nil {
		return nil, err
	}
	if st.triggers, err = s.loadTriggers(b.Campaign); err != nil {
		return nil, err
	}
	if _, err := refreshSchedule(b.Campaign); err != nil { // refresh.go
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(st.events)) {
		if email := st.events[name].Config.Email; !hasEmail(b.Campaign, email) {
			return nil, fmt.Errorf("events.%s: email: no email %q in the workspace (have %s)", name, email, strings.Join(b.Campaign.Emails(), ", "))
		}
	}
	if st.tracking, err = track.FromConfig(b.Campaign.Config); err != nil { // tracking.go
		return nil, err
	}
	if st.campaign, err = s.withSignedUnsubscribe(st.campaign); err != nil {
		return nil, err
	}
	return st, nil
}

func hasEmail(c *render.Campaign, name string) bool {
	_, ok := c.Email(name)
	return ok
}

// Run watches the workspace and swaps in each good build until ctx ends.
// A failed build keeps the last good one; /healthz and /metrics show it.
func (s *Server) Run(ctx context.Context) error {
	builds, cancel := s.ws.Subscribe()
	defer cancel()
	defer s.startRefresh(ctx)() // refresh.go: tailor.yaml's refresh: schedule
	watchErr := make(chan error, 1)
	go func() { watchErr <- s.ws.Watch(ctx) }()
	for {
		select {
		case <-ctx.Done():
			return <-watchErr
		case err := <-watchErr:
			return err
		case b := <-builds:
			s.apply(b)
		}
	}
}

// apply takes a published build: a good one (with good events) replaces
// the state; any failure is recorded and logged.
func (s *Server) apply(b reload.Build) {
	s.metrics.builds.Add(1)
	err := b.Err
	if err == nil {
		var st *state
		if st, err = s.load(b); err == nil {
			s.state.Store(st)
		}
	}
	if err != nil {
		s.metrics.setBuildErr(err)
		fmt.Fprintf(s.opts.Log, "tailor serve: build %d failed, still serving build %d:\n%v\n", b.Version, s.state.Load().version, err)
		return
	}
	s.metrics.setBuildErr(nil)
	fmt.Fprintf(s.opts.Log, "tailor serve: build %d in use (%s)\n", b.Version, b.Took.Round(time.Millisecond))
}

// Handler returns the API's routes behind recovery, auth and size limits.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /v1/render", s.route("render", s.handleRender))
	mux.Handle("POST /v1/render/batch", s.route("batch", s.handleBatch))
	mux.Handle("POST /v1/events/{name}", s.route("event", s.handleEvent))
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.Handle("GET /metrics", s.route("metrics", s.handleMetrics))
	s.storeRoutes(mux)    // store.go
	s.trackingRoutes(mux) // tracking.go
	for path, method := range map[string]string{"/v1/render": "POST", "/v1/render/batch": "POST", "/v1/events/{name}": "POST", "/healthz": "GET", "/metrics": "GET"} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", method)
			writeError(w, &Error{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Message: r.URL.Path + " takes " + method + ", not " + r.Method})
		})
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &Error{Status: http.StatusNotFound, Code: "not_found", Message: r.Method + " " + r.URL.Path + " is not a route of the render API"})
	})
	if s.opts.AuthToken != "" {
		return s.recover(mux)
	}
	return s.recover(httpserve.LoopbackOnly(mux, badHost))
}

// handler is a route's logic; an error it returns becomes the response.
type handler func(w http.ResponseWriter, r *http.Request) error

// route wraps a handler with auth, the body limit and metrics.
func (s *Server) route(name string, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() { s.metrics.observe(name, rec.status, time.Since(start)) }()
		if name != "event" && !s.authorized(r) {
			writeError(rec, unauthorized())
			return
		}
		r.Body = http.MaxBytesReader(rec, r.Body, s.opts.MaxBody)
		if err := s.safely(h, rec, r); err != nil {
			writeError(rec, err)
		}
	})
}

// safely runs h, turning a panic into an error for this request alone.
func (s *Server) safely(h handler, w http.ResponseWriter, r *http.Request) (err error) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.metrics.panics.Add(1)
			fmt.Fprintf(s.opts.Log, "tailor serve: panic in %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return h(w, r)
}

// recover turns a panic into a 500 for that request alone.
func (s *Server) recover(next http.Handler) http.Handler {
	serve := func(w http.ResponseWriter, r *http.Request) error {
		next.ServeHTTP(w, r)
		return nil
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.safely(serve, w, r); err != nil {
			writeError(w, err)
		}
	})
}

// statusWriter remembers the status code for metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// handleHealth reports the build in use and whether the last one failed.
// It needs no token, for load balancers.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	st := s.state.Load()
	last := s.ws.Last()
	h := struct {
		Status       string `json:"status"`
		Build        int    `json:"build"`
		LastBuild    int    `json:"last_build"`
		LastBuildErr string `json:"last_build_error,omitempty"`
		Emails       int    `json:"emails"`
		Events       int    `json:"events"`
	}{Status: "ok", Build: st.version, LastBuild: last.Version, Emails: len(st.campaign.Emails()), Events: len(st.events)}
	if err := s.metrics.buildErr(); err != "" {
		h.Status, h.LastBuildErr = "degraded", err
	}
	writeJSON(w, http.StatusOK, h)
}
