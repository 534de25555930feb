package preview

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/tailor-email/tailor/check"
)

// maxBrowserResults bounds the browser findings kept: one entry per
// build, email, recipient and edit.
const maxBrowserResults = 256

// browserKey is what a browser-check result depends on.
type browserKey struct {
	version          int
	email, id, draft string
	// stored is a stored recipient's JSON: their profile changes apart
	// from the build.
	stored string
}

// browserResult is one run of the browser checks, or why it failed.
type browserResult struct {
	findings []check.Finding
	err      string
}

// browserChecks lays recipients' emails out in headless Chromium on
// demand. Chromium starts at the first run and stops at Close; without
// Chromium the run fails with check.ErrNoChromium and the rest of the
// preview works as before. Results are kept per build and recipient, so
// showing them again does not run Chromium again.
type browserChecks struct {
	run sync.Mutex // one run at a time: Chromium is shared and heavy

	mu      sync.Mutex
	b       *check.Browser
	closed  bool
	results map[browserKey]browserResult
	order   []browserKey // oldest first, to drop beyond maxBrowserResults
}

// result is the kept result for k.
func (c *browserChecks) result(k browserKey) (browserResult, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	res, ok := c.results[k]
	return res, ok
}

func (c *browserChecks) keep(k browserKey, res browserResult) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.results == nil {
		c.results = map[browserKey]browserResult{}
	}
	if _, ok := c.results[k]; !ok {
		c.order = append(c.order, k)
	}
	c.results[k] = res
	for len(c.order) > maxBrowserResults {
		delete(c.results, c.order[0])
		c.order = c.order[1:]
	}
}

// browser returns the running Chromium, starting it on first use. The
// caller holds c.run, so only one start is ever under way, and pages
// reading results do not wait for it.
func (c *browserChecks) browser() (*check.Browser, error) {
	c.mu.Lock()
	b, closed := c.b, c.closed
	c.mu.Unlock()
	if closed {
		return nil, errors.New("the preview server is shutting down")
	}
	if b != nil {
		return b, nil
	}
	b, err := check.StartBrowser(context.Background(), "")
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		b.Close()
		return nil, errors.New("the preview server is shutting down")
	}
	c.b = b
	return b, nil
}

// drop stops b, if it is still the running Chromium, so that the next
// run starts another.
func (c *browserChecks) drop(b *check.Browser) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.b == b {
		c.b = nil
		b.Close()
	}
}

// close stops Chromium if it runs; later runs fail.
func (c *browserChecks) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.b != nil {
		c.b.Close()
		c.b = nil
	}
}

// browserKeyOf is the result key of t.
func browserKeyOf(t target) browserKey {
	return browserKey{version: t.b.Version, email: t.email, id: t.fix.Kind() + "/" + t.fix.ID, draft: t.draft, stored: t.fix.Raw}
}

// runBrowser runs the browser checks for the recipient page's email and
// recipient, unless they ran for this build already, and goes back to
// the recipient page, which shows the findings with the static ones.
func (s *Server) runBrowser(w http.ResponseWriter, r *http.Request) {
	t, ok := s.targetOf(w, r)
	if !ok {
		return
	}
	k := browserKeyOf(t)
	s.browser.run.Lock()
	defer s.browser.run.Unlock()
	// A failed run (no Chromium yet) is tried again; a finished one is not.
	if res, ok := s.browser.result(k); !ok || res.err != "" {
		res, err := s.browserRun(r.Context(), t)
		if err != nil && r.Context().Err() != nil {
			s.fail(w, r, http.StatusServiceUnavailable, "request cancelled while the browser checks ran")
			return
		}
		if err != nil {
			res.err = err.Error()
		}
		s.browser.keep(k, res)
	}
	u := t.fix.url(t.email, "")
	if t.draft != "" {
		u += "?draft=" + url.QueryEscape(t.draft)
	}
	http.Redirect(w, r, u+"#h-lint", http.StatusSeeOther)
}

// browserRun renders t and lays it out in Chromium at every viewport.
func (s *Server) browserRun(ctx context.Context, t target) (browserResult, error) {
	b, err := s.browser.browser()
	if err != nil {
		return browserResult{}, err
	}
	c := t.b.Campaign
	msg, err := c.Render(ctx, t.request())
	if err != nil {
		return browserResult{}, fmt.Errorf("render: %w", err)
	}
	fs, err := check.BrowserMessage(ctx, b, c, s.ws.FS(), t.email, msg, nil)
	if err != nil {
		if ctx.Err() == nil {
			s.browser.drop(b) // it may have crashed: the next press starts a new one
		}
		return browserResult{}, fmt.Errorf("browser checks: %w", err)
	}
	for i := range fs {
		fs[i].Recipients = []string{t.fix.ID}
	}
	return browserResult{findings: fs}, nil
}

// browserView is what the recipient page says about the browser checks.
type browserView struct {
	Ran   bool   // the checks ran for this build and recipient
	Count int    // their findings
	Err   string // why they did not run
}

// withBrowser adds t's kept browser findings, if any, to the page's
// findings; link says which findings link to their source line.
func (s *Server) withBrowser(t target, v *recipientView) (link func(check.Finding) string) {
	res, ok := s.browser.result(browserKeyOf(t))
	if !ok {
		return func(check.Finding) string { return "" }
	}
	v.Browser = browserView{Ran: res.err == "", Count: len(res.findings), Err: res.err}
	v.Findings = append(v.Findings, res.findings...)
	check.Sort(v.Findings)
	return func(f check.Finding) string {
		if strings.HasPrefix(f.Rule, "browser/") {
			return sourceLink(f)
		}
		return ""
	}
}
