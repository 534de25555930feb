package report_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tailor-email/tailor/check"
	"github.com/tailor-email/tailor/report"
	"github.com/tailor-email/tailor/report/synth"
)

// browserTab starts headless Chromium and returns a tab, or skips
// without one (fails in CI, whose .ci/run installs it).
func browserTab(t *testing.T) context.Context {
	t.Helper()
	path, err := check.FindChromium()
	if errors.Is(err, check.ErrNoChromium) && os.Getenv("CI") == "" {
		t.Skipf("skipping the browser test: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND")}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	return ctx
}

// bar and polyline are a chart's elements as the page's script reads them.
type (
	bar struct {
		Chart, Label, Rate, Lo, Hi string
		Width, Whisker             float64
		Flagged                    bool
	}
	polyline struct {
		Chart, Series string
		Points        int
		Length        float64
	}
)

// TestHTMLInChromium opens the HTML report of the synthetic data set in
// headless Chromium: the rate charts have one drawn bar with its interval
// per segment and per variant, at the report's rates, the weak segment's
// bar is marked, the time series have a line per series through every
// bucket, and the page loads nothing.
func TestHTMLInChromium(t *testing.T) {
	cfg := synth.Default()
	cfg.Sends = 20_000
	rep, err := report.Build(cfg.Records(), report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "report.html")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.WriteHTML(f, rep, "synthetic"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := browserTab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
		t.Fatal(err)
	}
	js := `[...document.querySelectorAll('svg.chart.rates g.bar')].map(g => ({
		Chart: g.closest('svg').id, Label: g.dataset.label, Rate: g.dataset.rate, Lo: g.dataset.lo, Hi: g.dataset.hi,
		Width: g.querySelector('rect').getBBox().width, Whisker: g.querySelector('line').getBBox().width,
		Flagged: g.classList.contains('flagged')}))`
	bars, err := chromedp.Run(ctx, chromedp.Evaluate[[]bar](js))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]report.Row{}
	for _, r := range rep.Segments {
		want["segments-click/"+r.Label()] = r
	}
	for _, r := range rep.Experiments[0].Arms {
		want["experiment-"+cfg.Experiment+"/"+r.Label()] = r
	}
	got := 0
	for _, b := range bars {
		r, ok := want[b.Chart+"/"+b.Label]
		if !ok {
			continue
		}
		got++
		rate := r.Rate(report.Click)
		if p, _ := strconv.ParseFloat(b.Rate, 64); p != rate.P || b.Width <= 0 || b.Whisker <= 0 {
			t.Errorf("%s %s: rate %s, bar %.1f px, whisker %.1f px; want %v and both drawn", b.Chart, b.Label, b.Rate, b.Width, b.Whisker, rate.P)
		}
		if b.Flagged != (b.Chart == "segments-click" && b.Label == "lapsed") {
			t.Errorf("%s %s: flagged %v", b.Chart, b.Label, b.Flagged)
		}
	}
	if got != len(want) {
		t.Errorf("%d of %d bars drawn: %+v", got, len(want), bars)
	}
	js = `[...document.querySelectorAll('svg.chart.series polyline')].map(l => ({Chart: l.closest('svg').id,
		Series: l.dataset.series, Points: l.points.numberOfItems, Length: l.getTotalLength()}))`
	lines, err := chromedp.Run(ctx, chromedp.Evaluate[[]polyline](js))
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 7 {
		t.Errorf("%d series lines, want 7 (sends, deliveries, bounces; human and machine opens, clicks, conversions): %+v", len(lines), lines)
	}
	for _, l := range lines {
		if l.Points != len(rep.Series) || l.Points < 2 || l.Length <= 0 {
			t.Errorf("%s %s: %d points, length %.0f; want %d points drawn", l.Chart, l.Series, l.Points, l.Length, len(rep.Series))
		}
	}
	js = `performance.getEntriesByType('resource').length + document.querySelectorAll('script, link, img, iframe, [src]').length`
	loads, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
	if err != nil {
		t.Fatal(err)
	}
	if loads != 0 {
		t.Errorf("the page loads %d resources or has elements that load, want none", loads)
	}
}
