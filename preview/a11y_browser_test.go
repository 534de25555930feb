package preview_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeScript returns axe-core's axe.min.js (TAILOR_AXE, which
// .ci/axe-core.sh installs), or skips (fails in CI) without it.
func axeScript(t *testing.T) string {
	t.Helper()
	p := os.Getenv("TAILOR_AXE")
	if p == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("TAILOR_AXE is not set: CI must run .ci/axe-core.sh")
		}
		t.Skip("TAILOR_AXE is not set: run TAILOR_AXE=$(bash .ci/axe-core.sh) go test ./preview to check accessibility")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// axeViolation is one rule that axe-core found violated.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// runAxe is a script that runs axe-core on the page (WCAG 2 A and AA
// rules and best practices) and returns its violations as JSON.
const runAxe = `axe.run(document, {resultTypes: ["violations"]}).then(function (r) { return JSON.stringify(r.violations); })`

// TestBrowserAccessibility runs axe-core on each page of the preview, at
// desktop width and at 390 px, and fails on any serious or critical
// violation; at 390 px no page may scroll sideways.
func TestBrowserAccessibility(t *testing.T) {
	axe := axeScript(t)
	ctx := newBrowser(t)
	url := serveExample(t)
	pages := []string{"/", "/email/newsletter", "/email/newsletter/r/c-1001", "/email/picks/r/c-1004", "/checks",
		"/email/newsletter/find?q=example", "/source/templates/newsletter.html"}
	for _, width := range []int64{1280, 390} {
		for _, p := range pages {
			axePage(t, ctx, axe, url, p, width)
		}
	}
}

// axePage runs axe-core on the page url+p at width and fails on any
// serious or critical violation; at 390 px the page may not scroll
// sideways.
func axePage(t *testing.T, ctx context.Context, axe, url, p string, width int64) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(url+p),
		chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](axe+";0")); err != nil {
		t.Fatalf("%s: load axe-core: %v", p, err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](runAxe, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", p, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			t.Logf("%s at %d px: %s (%s): %s", p, width, v.ID, v.Impact, v.Help)
			continue
		}
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, "...")
				break
			}
			where = append(where, n.HTML)
		}
		t.Errorf("%s at %d px: %s (%s): %s: %s", p, width, v.ID, v.Impact, v.Help, strings.Join(where, " | "))
	}
	if width == 390 {
		over := eval[int](t, ctx, `document.documentElement.scrollWidth - document.documentElement.clientWidth`)
		if over > 0 {
			t.Errorf("%s at 390 px scrolls sideways by %d px", p, over)
		}
	}
}

// TestBrowserKeyboard: on a recipient page the Tab key alone reaches the
// switcher, the tabs, the view toggles and the profile form, and each
// shows a visible focus ring.
func TestBrowserKeyboard(t *testing.T) {
	ctx := newBrowser(t)
	url := serveExample(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(url+"/email/newsletter/r/c-1002"),
		chromedp.WaitReady(chromedp.CSS("#apply-form"))); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"switch-q": false, "next": false, "tab-html": false, "width-mobile": false, "dark": false, "f-first_name": false, "apply-form": false}
	const focused = `(function () { var e = document.activeElement, s = getComputedStyle(e);
  return (e.id || e.tagName) + " " + s.outlineStyle + " " + s.outlineWidth; })()`
	for i := 0; i < 200; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		got := strings.Fields(eval[string](t, ctx, focused))
		if _, ok := want[got[0]]; ok {
			want[got[0]] = true
			if got[1] == "none" || got[2] == "0px" {
				t.Errorf("#%s has focus but no visible ring: outline %s %s", got[0], got[1], got[2])
			}
		}
	}
	for id, reached := range want {
		if !reached {
			t.Errorf("Tab never reaches #%s", id)
		}
	}
}
