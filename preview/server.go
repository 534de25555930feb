package preview

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/reload"
	"github.com/tailor-email/tailor/smtp"
	"github.com/tailor-email/tailor/store"
)

// MaxProfileBytes bounds an edited profile, and every request body.
const MaxProfileBytes = 64 << 10

// Options configure a Server.
type Options struct {
	// Dir is the workspace folder, where "save as fixture" writes
	// testdata/recipients/NAME.json. Empty means a read-only workspace (the
	// embedded example): saving is then refused.
	Dir string
	// FS is the workspace's files, read for fixture recipients when
	// Recipients is nil. Nil means the workspace's own (reload's FS, which
	// reads Dir through an os.Root).
	FS fs.FS
	// Recipients, when not nil, replace the workspace's fixtures (from
	// --recipients FILE).
	Recipients []recipients.Record
	// AuthToken, when set, must come with every request: as the header
	// "Authorization: Bearer TOKEN", or as the cookie that visiting any page
	// once with ?token=TOKEN sets.
	AuthToken string
	// Store, when set, is the audience store whose recipients the index
	// and the switcher list after the fixtures (the first few), the find
	// box finds by ID or address, and whose pages show the stored
	// profile, its suppression and its timeline. Every email then carries
	// the unsubscribe URL signed by the store's key, as tailor render
	// writes it with the store.
	Store store.Store
	// SMTP is where send-test delivers; nil disables the form.
	SMTP *smtp.Config
	// Log receives one line per rebuild; nil discards.
	Log io.Writer
}

// Server serves the preview pages for one workspace.
type Server struct {
	ws     *reload.Workspace
	opts   Options
	csrf   string
	pages  *template.Template
	mux    *http.ServeMux
	drafts *drafts
	lints  *lintCache
	// work bounds the renders running at once, so that under load each
	// finishes well inside the engine's per-render time limit and the
	// rest wait their turn.
	work chan struct{}

	wsCheck wsChecks      // the workspace's check findings, for the checks page
	browser browserChecks // Chromium and the recipients' browser findings

	signedC signedCampaign // the campaign with the store's unsubscribe URLs

	fixMu      sync.Mutex
	fixVersion int
	fixtures   []fixture
	fixErr     error

	done      chan struct{}
	closeOnce sync.Once
}

// New returns a Server for ws.
func New(ws *reload.Workspace, opts Options) (*Server, error) {
	if opts.FS == nil {
		opts.FS = ws.FS()
	}
	if opts.FS == nil && opts.Recipients == nil {
		return nil, errors.New("preview: no workspace files (Options.FS) and no recipients")
	}
	pages, err := parsePages()
	if err != nil {
		return nil, fmt.Errorf("preview: %w", err)
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("preview: csrf token: %w", err)
	}
	s := &Server{ws: ws, opts: opts, csrf: hex.EncodeToString(b), pages: pages,
		drafts: newDrafts(256), lints: newLintCache(512),
		work: make(chan struct{}, 2*runtime.GOMAXPROCS(0)), done: make(chan struct{})}
	s.mux = s.routes()
	return s, nil
}

// Handler returns the server's routes, behind the auth and CSRF checks.
func (s *Server) Handler() http.Handler {
	return s.withAuth(s.withSecurityHeaders(s.mux))
}

// Close ends the open event streams, so an http.Server can shut down,
// and stops Chromium if the browser checks started it.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.browser.close()
}

// acquire waits for a render slot; it reports false, having answered 503,
// when the client leaves first. release gives the slot back.
func (s *Server) acquire(w http.ResponseWriter, r *http.Request) bool {
	select {
	case s.work <- struct{}{}:
		return true
	case <-r.Context().Done():
		s.fail(w, r, http.StatusServiceUnavailable, "request cancelled while waiting to render")
		return false
	}
}

func (s *Server) release() { <-s.work }

// Run watches the workspace and logs each rebuild until ctx ends.
func (s *Server) Run(ctx context.Context) error {
	ch, cancel := s.ws.Subscribe()
	defer cancel()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case b := <-ch:
				s.logBuild(b)
			}
		}
	}()
	return s.ws.Watch(ctx)
}

func (s *Server) logBuild(b reload.Build) {
	if s.opts.Log == nil {
		return
	}
	at := b.At.Format("15:04:05")
	if b.Err != nil {
		fmt.Fprintf(s.opts.Log, "%s rebuild %d failed in %v (serving build %d):\n%v\n",
			at, b.Version, b.Took.Round(time.Millisecond), s.ws.Good().Version, b.Err)
		return
	}
	fmt.Fprintf(s.opts.Log, "%s rebuild %d ok in %v\n", at, b.Version, b.Took.Round(time.Millisecond))
}
