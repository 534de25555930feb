package check

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned by FindChromium when no Chromium is installed.
var ErrNoChromium = errors.New("chromium not found: install Debian's chromium package (apt-get install chromium)")

// FindChromium returns the path of a Chromium (or Chrome) on PATH, or
// ErrNoChromium.
func FindChromium() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// Viewport is one way of looking at an email: a width in CSS pixels and a
// colour scheme (prefers-color-scheme: dark when Dark).
type Viewport struct {
	Width int
	Dark  bool
}

// String reads "375 px, dark".
func (v Viewport) String() string {
	if v.Dark {
		return fmt.Sprintf("%d px, dark", v.Width)
	}
	return fmt.Sprintf("%d px, light", v.Width)
}

// Viewports returns the browser checks' viewports: 320, 375, 414 and 600
// px wide, each light and dark.
func Viewports() []Viewport {
	var out []Viewport
	for _, w := range []int{320, 375, 414, 600} {
		out = append(out, Viewport{w, false}, Viewport{w, true})
	}
	return out
}

// Browser is a headless Chromium that lays emails out for the browser
// checks and for screenshots. It runs offline: every host name fails to
// resolve, so remote images and fonts never load (the layout a reader
// with images blocked sees), and the same HTML gives the same pixels.
// It is safe for concurrent use: each page gets its own tab.
type Browser struct {
	ctx    context.Context // the browser's chromedp context
	cancel func()
	dir    string // the profile folder
}

// StartBrowser starts headless Chromium: path, or FindChromium's when
// path is "". Close stops it.
func StartBrowser(ctx context.Context, path string) (*Browser, error) {
	if path == "" {
		p, err := FindChromium()
		if err != nil {
			return nil, err
		}
		path = p
	}
	dir, err := os.MkdirTemp("", "tailor-chromium-")
	if err != nil {
		return nil, fmt.Errorf("chromium profile: %w", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir),
		// offline and deterministic: no network, no scrollbars, one device
		// pixel per CSS pixel, no LCD (subpixel) text
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("force-device-scale-factor", "1"),
		chromedp.Flag("disable-lcd-text", true), chromedp.Flag("font-render-hinting", "none"),
		chromedp.Flag("force-color-profile", "srgb"), chromedp.Flag("mute-audio", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.WithoutCancel(ctx), opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	b := &Browser{ctx: bctx, dir: dir, cancel: func() { cancelB(); cancelA() }}
	if err := chromedp.Do(bctx); err != nil { // start the browser now
		b.Close()
		return nil, fmt.Errorf("start chromium %s: %w", path, err)
	}
	return b, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	b.cancel()
	os.RemoveAll(b.dir)
}

// page is one tab with an email loaded.
type page struct {
	ctx   context.Context
	close func()
}

// open loads doc in a new tab; ctx bounds the loading and every later
// call on the page until close.
func (b *Browser) open(ctx context.Context, doc []byte) (*page, error) {
	tctx, cancelT := chromedp.NewContext(b.ctx)
	stop := context.AfterFunc(ctx, cancelT)
	p := &page{ctx: tctx, close: func() { stop(); cancelT() }}
	url := "data:text/html;charset=utf-8;base64," + base64.StdEncoding.EncodeToString(doc)
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		p.close()
		return nil, fmt.Errorf("load the email in chromium: %w", err)
	}
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		p.close()
		return nil, fmt.Errorf("wait for fonts: %w", err)
	}
	return p, nil
}

// view sets the page's viewport width (height: a phone's 800 px, or
// height when it is larger) and colour scheme.
func (p *page) view(v Viewport, height int) error {
	_, err := chromedp.Call(p.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(v.Width), Height: int64(max(height, 800)), DeviceScaleFactor: 1})
	if err != nil {
		return fmt.Errorf("viewport %s: %w", v, err)
	}
	scheme := "light"
	if v.Dark {
		scheme = "dark"
	}
	_, err = chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Media: "screen", Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
	if err != nil {
		return fmt.Errorf("viewport %s: %w", v, err)
	}
	return nil
}
