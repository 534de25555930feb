package preview_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserRunBrowserChecks: in a real browser, pressing "Run browser
// checks" on the faults fixture's recipient page (the form with its
// token, as a reader's browser sends it) comes back to the page with the
// browser findings in the checks list, and a finding's link opens its
// module's source at the line.
func TestBrowserRunBrowserChecks(t *testing.T) {
	ctx := newBrowser(t)
	srv, h := faultsServer(t)
	hs := httptest.NewServer(h)
	t.Cleanup(func() { srv.Close(); hs.Close() }) // the event streams end first
	if err := chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/email/faults/r/a"), chromedp.WaitReady(chromedp.CSS("#run-browser")),
		chromedp.Click(chromedp.CSS("#run-browser"))); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, 3*time.Minute, "the browser findings on the page", func(ctx context.Context) (bool, string) {
		s := text(ctx, "#browser-status")
		return strings.Contains(s, "Ran in Chromium"), s
	})
	link := `#findings a[href^="/source/modules/wide/panel.html#L"]`
	eval[bool](t, ctx, `document.querySelectorAll("#findings details").forEach(d => d.open = true); true`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(link))); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, time.Minute, "the panel module's source", func(ctx context.Context) (bool, string) {
		u, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.hash`))
		return err == nil && strings.HasPrefix(u, "/source/modules/wide/panel.html#L") && strings.Contains(text(ctx, "body"), "A panel as wide as its table"), u
	})
}
