package preview_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// inViewport is a script that reports whether the element with the id is
// shown and lies inside the viewport.
func inViewport(id string) string {
	return `(function () { var e = document.getElementById("` + id + `"); if (!e) return false;
  var r = e.getBoundingClientRect();
  return r.height > 0 && r.top >= -1 && r.top < window.innerHeight && r.left >= 0 && r.right <= window.innerWidth; })()`
}

// TestBrowserBanner: at 1280x800, a malformed profile edit shows its
// error, with the line it is on, in the visible viewport; a failed build's
// panel, once hidden, opens again from the header and shows the offending
// source line.
func TestBrowserBanner(t *testing.T) {
	ctx := newBrowser(t)
	env := startLive(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(env.url+"/email/newsletter/r/c-1001"), chromedp.WaitReady(chromedp.CSS("#profile"))); err != nil {
		t.Fatal(err)
	}
	if shown := eval[bool](t, ctx, `document.getElementById("overlay-show").offsetParent !== null`); shown {
		t.Error("Show build error is shown while the build is good")
	}
	bad := "{\n  \"id\": \"c-1001\",\n  bad: 2\n}"
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#json-editor summary")), chromedp.SetValue(chromedp.CSS("#profile"), bad),
		chromedp.Click(chromedp.CSS("#rerender")), chromedp.WaitReady(chromedp.CSS("#edit-error"))); err != nil {
		t.Fatal(err)
	}
	if msg := text(ctx, "#edit-error"); !strings.Contains(msg, "profile:3:3: malformed JSON") || !strings.Contains(msg, "bad: 2") {
		t.Errorf("edit error %q, want profile:3:3 and the line", msg)
	}
	eventually(t, ctx, 30*time.Second, "the edit error in the viewport", func(ctx context.Context) (bool, string) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](inViewport("edit-error")))
		r, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(document.getElementById("edit-error").getBoundingClientRect())+" "+window.innerWidth+"x"+window.innerHeight+" "+window.scrollY`))
		return err == nil && v, r
	})
	if got := eval[string](t, ctx, `document.getElementById("profile").value`); got != bad {
		t.Errorf("the editor lost the text: %q", got)
	}

	// A failed build: the panel, hidden, opens again from the header.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.url+"/email/newsletter/r/c-1001"), chromedp.WaitReady(chromedp.CSS("#email-frame"))); err != nil {
		t.Fatal(err)
	}
	module := filepath.Join(env.dir, "modules/hero/new-arrivals.md")
	orig, err := os.ReadFile(module)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, module, strings.Replace(string(orig), "{{ .Profile.first_name", "{{ .Profile.first_name (", 1))
	eventually(t, ctx, 30*time.Second, "the build-error panel with the source line", func(ctx context.Context) (bool, string) {
		s := text(ctx, "#overlay-snippet .bad")
		return overlayShown(ctx) && strings.Contains(s, "Fresh in, {{ .Profile.first_name ("), s
	})
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#overlay-hide"))); err != nil {
		t.Fatal(err)
	}
	if overlayShown(ctx) {
		t.Fatal("Hide left the panel shown")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#overlay-show"))); err != nil {
		t.Fatal(err)
	}
	if !overlayShown(ctx) || !eval[bool](t, ctx, inViewport("overlay")) {
		t.Error("Show build error did not open the panel in view")
	}
	writeFile(t, module, string(orig))
	eventually(t, ctx, 30*time.Second, "the page recovers", func(ctx context.Context) (bool, string) {
		return !overlayShown(ctx) && text(ctx, "#build-status") != "", text(ctx, "#build-status")
	})
}
