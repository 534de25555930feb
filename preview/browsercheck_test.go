package preview_test

import (
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/reload"
)

// faultsServer serves a copy of check's browser-faults workspace (one
// layout fault per module), not watched.
func faultsServer(t *testing.T) (*preview.Server, http.Handler) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../check/testdata/browserfaults")); err != nil {
		t.Fatal(err)
	}
	ws, err := reload.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := preview.New(ws, preview.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv, srv.Handler()
}

// runBrowserChecks presses "Run browser checks" on page and returns the
// recipient page it leads back to.
func runBrowserChecks(t *testing.T, h http.Handler, page string) string {
	t.Helper()
	_, body := do(t, h, "GET", page, nil, nil)
	m := csrfField.FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, `id="run-browser"`) {
		t.Fatalf("no csrf field or run-browser button on %s", page)
	}
	res, _ := do(t, h, "POST", page+"/browser", url.Values{"csrf": {m[1]}}, nil)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), page) {
		t.Fatalf("POST %s/browser: %s to %q, want 303 to the page", page, res.Status, res.Header.Get("Location"))
	}
	res, body = do(t, h, "GET", page, nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s after the browser checks: %s", page, res.Status)
	}
	return body
}

// TestBrowserChecksNoChromium: without Chromium the preview still serves
// the recipient page, and pressing the button says what to install.
func TestBrowserChecksNoChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no chromium on PATH
	h, _ := newHandler(t)
	body := runBrowserChecks(t, h, "/email/newsletter/r/c-1001")
	want := `id="browser-error">The browser checks did not run: chromium not found: install Debian&#39;s chromium package`
	if !strings.Contains(body, want) {
		t.Errorf("the page lacks %q", want)
	}
	if !strings.Contains(body, `id="email-frame"`) || !strings.Contains(body, `id="findings"`) {
		t.Error("the recipient page lost its preview or its static checks")
	}
}

// TestBrowserChecksPage: the button lays the recipient's email out in
// real Chromium; the faults fixture's four faults join the grouped list,
// each with its viewports and a link to its module's source line. The
// findings are kept: after Close has stopped Chromium, the page and the
// button still show them.
func TestBrowserChecksPage(t *testing.T) {
	findChromium(t)
	srv, h := faultsServer(t)
	page := "/email/faults/r/a"
	_, before := do(t, h, "GET", page, nil, nil)
	if strings.Contains(before, "browser/") {
		t.Fatal("browser findings before the button was pressed")
	}
	body := runBrowserChecks(t, h, page)
	if m := regexp.MustCompile(`id="browser-error">[^<]*`).FindString(body); m != "" {
		t.Fatalf("the browser checks failed: %s", m)
	}
	for rule, file := range map[string]string{
		"browser/overflow":   "modules/wide/panel.html",
		"browser/invisible":  "modules/button/dark.html",
		"browser/contrast":   "modules/faint/note.html",
		"browser/tap-target": "modules/tiny/link.html",
	} {
		if !strings.Contains(body, "<code>"+rule+"</code>") {
			t.Errorf("no %s group on the page", rule)
		}
		link := regexp.MustCompile(`<a href="/source/` + regexp.QuoteMeta(file) + `#L\d+">` + regexp.QuoteMeta(file) + `:\d+:\d+</a>`)
		if !link.MatchString(body) {
			t.Errorf("no source link to %s", file)
		}
	}
	for _, part := range []string{"invisible in dark mode", "at 320, 375, 414 px, light and dark", "Ran in Chromium for this build: 4 finding(s)"} {
		if !strings.Contains(body, part) {
			t.Errorf("the page lacks %q", part)
		}
	}
	srv.Close() // stops Chromium: what follows comes from the kept results
	_, again := do(t, h, "GET", page, nil, nil)
	if !strings.Contains(again, "<code>browser/overflow</code>") {
		t.Error("a reload lost the browser findings")
	}
	again = runBrowserChecks(t, h, page)
	if !strings.Contains(again, "<code>browser/overflow</code>") || strings.Contains(again, `id="browser-error"`) {
		t.Error("pressing the button again ran Chromium again instead of showing the kept findings")
	}
	// An edited profile is another email: it would need Chromium, which
	// Close stopped.
	token := csrfField.FindStringSubmatch(again)[1]
	res, _ := do(t, h, "POST", page+"/edit", url.Values{"csrf": {token}, "profile": {`{"id":"a","email":"b@example.com"}`}}, nil)
	draft := strings.TrimPrefix(res.Header.Get("Location"), page+"?draft=")
	if res.StatusCode != http.StatusSeeOther || draft == res.Header.Get("Location") {
		t.Fatalf("edit: %s to %q", res.Status, res.Header.Get("Location"))
	}
	res, _ = do(t, h, "POST", page+"/browser", url.Values{"csrf": {token}, "draft": {draft}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST browser for the edit: %s", res.Status)
	}
	loc, _, _ := strings.Cut(res.Header.Get("Location"), "#") // a browser keeps the fragment
	if loc != page+"?draft="+draft {
		t.Fatalf("the button leads to %q, want the edit's page", loc)
	}
	_, body = do(t, h, "GET", loc, nil, nil)
	if !strings.Contains(body, `id="browser-error">The browser checks did not run: the preview server is shutting down`) {
		t.Errorf("after Close, the browser checks of an edited profile did not say the server is shutting down:\n%s", regexp.MustCompile(`(?s)id="h-lint".*id="findings"`).FindString(body))
	}
}
