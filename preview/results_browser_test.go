package preview_test

import (
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tailor-email/tailor/preview"
)

// TestBrowserResults opens an email's Results page in Chromium through
// the preview: under its policy the page's styles apply (the bars take
// their colour), every bar and whisker is drawn, each time series is a
// line, and the page loaded nothing but itself.
func TestBrowserResults(t *testing.T) {
	st := sendLogStore(t, 2000)
	h, _ := newHandler(t, func(o *preview.Options) { o.Store = st })
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	ctx := newBrowser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(hs.URL+"/email/newsletter/results")); err != nil {
		t.Fatal(err)
	}
	type drawn struct {
		Bars, Drawn, Lines, Loads int
		Fill                      string
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[drawn](`(() => {
		const bars = [...document.querySelectorAll('svg.chart.rates g.bar')];
		const ok = bars.filter(g => g.querySelector('rect').getBBox().width > 0 && g.querySelector('line').getBBox().width > 0);
		const lines = [...document.querySelectorAll('svg.chart.series polyline')].filter(l => l.getTotalLength() > 0);
		const rect = document.querySelector('svg.chart.rates g.bar:not(.flagged) rect');
		return {Bars: bars.length, Drawn: ok.length, Lines: lines.length,
			Loads: performance.getEntriesByType('resource').length, Fill: rect ? getComputedStyle(rect).fill : ''};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	// segments (5 and none) twice, the experiment's 2 variants
	if got.Bars != 14 || got.Drawn != got.Bars || got.Lines != 7 || got.Loads != 0 || got.Fill != "rgb(122, 167, 216)" {
		t.Errorf("the results page in Chromium: %+v; want 14 bars all drawn, 7 lines, no loads, the stylesheet's fill", got)
	}
}
