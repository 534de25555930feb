package preview_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// findChromium returns the browser, or skips (fails in CI) without one.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found: CI must install Debian's chromium package")
	}
	t.Skip("chromium not found: install Debian's chromium package (apt-get install chromium) to run the browser test")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile.
func newBrowser(t *testing.T) context.Context {
	path := findChromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	return ctx
}

// eventually runs check until it reports true or the timeout passes, and
// returns how long it took.
func eventually(t *testing.T, ctx context.Context, timeout time.Duration, what string, check func(ctx context.Context) (bool, string)) time.Duration {
	t.Helper()
	start := time.Now()
	last := ""
	for time.Since(start) < timeout {
		actx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		ok, got := check(actx)
		cancel()
		if ok {
			return time.Since(start)
		}
		last = got
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: not after %v; last saw: %.300q", what, timeout, last)
	return 0
}

// text is the visible text of the first element sel matches, "" if none.
func text(ctx context.Context, sel string) string {
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		return ""
	}
	return s
}

// inEmailFrame runs a query in the email iframe. Chromium runs a
// sandboxed iframe in its own process, as a target of its own, so the
// query attaches to that target (found again each time: a reload makes a
// new one) rather than reaching in from the page.
func inEmailFrame[T any](ctx context.Context, a chromedp.Action[T]) (T, error) {
	var zero T
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		return zero, err
	}
	err = fmt.Errorf("no email iframe target")
	for _, info := range infos {
		if info.Type == "iframe" && strings.Contains(info.URL, "/frame") {
			fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID), chromedp.WithDetachOnCancel())
			var v T
			v, err = chromedp.Run(fctx, a)
			cancel()
			if err == nil {
				return v, nil
			}
			err = fmt.Errorf("%s: %w", info.URL, err)
		}
	}
	return zero, err
}

// inFrame is the text of sel inside the email iframe, or the error.
func inFrame(ctx context.Context, sel string) string {
	s, err := inEmailFrame(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		return "error: " + err.Error()
	}
	return s
}

// frameStyle is a computed style property of sel inside the email iframe.
func frameStyle(ctx context.Context, sel, prop string) string {
	props, _ := inEmailFrame(ctx, chromedp.ComputedStyle(chromedp.CSS(sel)))
	for _, p := range props {
		if p.Name == prop {
			return p.Value
		}
	}
	return ""
}

// overlayShown reports whether the build-error overlay is visible; false
// while the page is still loading.
func overlayShown(ctx context.Context) bool {
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () { var o = document.getElementById("overlay"); return !!o && !o.hidden; })()`))
	return err == nil && v
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// TestBrowser drives the preview in headless Chromium: index, a
// recipient's module, live reload of an edited module, the error overlay
// and its recovery, the mobile and dark-mode toggles, and a live reload
// held back by an unsaved profile edit, and the profile editor.
func TestBrowser(t *testing.T) {
	ctx := newBrowser(t)
	env := startLive(t)
	module := filepath.Join(env.dir, "modules/hero/new-arrivals.md")
	orig, err := os.ReadFile(module)
	if err != nil {
		t.Fatal(err)
	}

	// 1. The index lists the email and the fixture recipients.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.url+"/"), chromedp.WaitVisible(chromedp.CSS("table.grid"))); err != nil {
		t.Fatal(err)
	}
	if got := text(ctx, "main"); !strings.Contains(got, "newsletter") || !strings.Contains(got, "c-1001") {
		t.Fatalf("index lacks the email or recipient c-1001:\n%s", got)
	}

	// 2. Ana (recent_purchaser) gets hero/new-arrivals, in the side panel and in the email.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href="/email/newsletter/r/c-1001"]`)),
		chromedp.WaitVisible(chromedp.CSS("#email-frame"))); err != nil {
		t.Fatal(err)
	}
	if got := text(ctx, `code.chosen[data-slot="hero"]`); got != "hero/new-arrivals" {
		t.Fatalf("hero module = %q, want hero/new-arrivals", got)
	}
	eventually(t, ctx, 30*time.Second, "the email shows Ana's hero", func(ctx context.Context) (bool, string) {
		h := inFrame(ctx, ".hero h1")
		return h == "Fresh in, Ana", h
	})

	// 3. Editing the module file updates the open page.
	edited := strings.Replace(string(orig), "# Fresh in,", "# Just landed,", 1)
	writeFile(t, module, edited)
	took := eventually(t, ctx, 30*time.Second, "the page shows the edited module", func(ctx context.Context) (bool, string) {
		h := inFrame(ctx, ".hero h1")
		return h == "Just landed, Ana", h
	})
	t.Logf("live reload: the edit showed in the page after %v", took.Round(time.Millisecond))

	// 4. A syntax error shows the overlay with the file and line.
	writeFile(t, module, strings.Replace(edited, "{{ .Profile.first_name", "{{ .Profile.first_name (", 1))
	place := regexp.MustCompile(`modules/hero/new-arrivals\.md:\d+:\d+`)
	eventually(t, ctx, 30*time.Second, "the error overlay", func(ctx context.Context) (bool, string) {
		shown := overlayShown(ctx)
		msg := text(ctx, "#overlay-error")
		return shown && place.MatchString(msg), msg
	})
	if h := inFrame(ctx, ".hero h1"); h != "Just landed, Ana" {
		t.Errorf("under the overlay the last good build should stay: hero = %q", h)
	}

	// 5. Fixing the file clears the overlay and shows the fix.
	writeFile(t, module, string(orig))
	eventually(t, ctx, 30*time.Second, "the page recovers", func(ctx context.Context) (bool, string) {
		shown := overlayShown(ctx)
		h := inFrame(ctx, ".hero h1")
		return !shown && h == "Fresh in, Ana", fmt.Sprintf("overlay shown %v, hero %q", shown, h)
	})
	if p := os.Getenv("TAILOR_SCREENSHOT"); p != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, string(png))
		t.Logf("screenshot: %s", p)
	}

	// 6. Mobile width, then dark mode with the email's own dark styles.
	width := func() int { return eval[int](t, ctx, `document.getElementById("email-frame").offsetWidth`) }
	if w := width(); w < 600 {
		t.Errorf("desktop iframe width = %d, want 600 or more", w)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#width-mobile"))); err != nil {
		t.Fatal(err)
	}
	if w := width(); w != 375 {
		t.Errorf("mobile iframe width = %d, want 375", w)
	}
	if bg := frameStyle(ctx, ".container", "background-color"); bg != "rgb(255, 255, 255)" {
		t.Errorf("light .container background = %q, want white", bg)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#dark"))); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, 30*time.Second, "dark-mode styles", func(ctx context.Context) (bool, string) {
		bg := frameStyle(ctx, ".container", "background-color")
		return bg == "rgb(17, 24, 39)", bg
	})
	if got := eval[string](t, ctx, `document.getElementById("dark").getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("dark toggle aria-pressed = %q", got)
	}

	// 7. An unsaved profile edit holds the live reload back behind a button.
	// The JSON editor is one click away from the profile form.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#json-editor summary")),
		chromedp.SetValue(chromedp.CSS("#profile"), `{"id": "c-1001"}`)); err != nil {
		t.Fatal(err)
	}
	writeFile(t, module, strings.Replace(string(orig), "# Fresh in,", "# Seventh,", 1))
	eventually(t, ctx, 30*time.Second, "the reload button", func(ctx context.Context) (bool, string) {
		s := text(ctx, "#build-status")
		return strings.Contains(s, "is ready"), s
	})
	if h := inFrame(ctx, ".hero h1"); h != "Fresh in, Ana" {
		t.Errorf("the page reloaded over an unsaved edit: hero %q", h)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#reload-now"))); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, 30*time.Second, "the page after Reload, still dark", func(ctx context.Context) (bool, string) {
		h := inFrame(ctx, ".hero h1")
		bg := frameStyle(ctx, ".container", "background-color")
		return h == "Seventh, Ana" && bg == "rgb(17, 24, 39)", h + " " + bg
	})
	if w := width(); w != 375 {
		t.Errorf("after Reload the mobile width was not kept: iframe width %d", w)
	}

	// 8. The profile editor re-renders an edit through the real form (CSRF
	// token, same-origin POST, redirect to the draft).
	loyal := `{"id": "c-1001", "email": "ana@example.com", "first_name": "Ana", "orders": [` +
		strings.Repeat(`{"at": "2026-10-01T00:00:00Z", "total": 10},`, 4) + `{"at": "2026-10-01T00:00:00Z", "total": 10}]}`
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#profile"), loyal), chromedp.Click(chromedp.CSS("#rerender"))); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, 30*time.Second, "the edited profile's page", func(ctx context.Context) (bool, string) {
		got := text(ctx, `code.chosen[data-slot="hero"]`) + " " + text(ctx, ".crumbs")
		return strings.Contains(got, "hero/loyalty") && strings.Contains(got, "edited, not saved"), got
	})
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
