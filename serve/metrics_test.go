package serve

import (
	"errors"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape reads /metrics through h and parses it as Prometheus text.
func scrape(t *testing.T, s *Server) map[string]*dto.MetricFamily {
	t.Helper()
	rec := do(s.Handler(), "GET", "/metrics", "")
	if rec.Code != 200 {
		t.Fatalf("/metrics: status %d: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("/metrics Content-Type %q, want the text format", ct)
	}
	p := expfmt.NewTextParser(model.LegacyValidation)
	fams, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("/metrics does not parse: %v\n%s", err, rec.Body)
	}
	return fams
}

// series finds the metric of family name whose labels are exactly labels
// (name, value pairs, in any order); nil when there is none.
func series(fams map[string]*dto.MetricFamily, name string, labels ...string) *dto.Metric {
	f := fams[name]
	if f == nil {
		return nil
	}
	for _, m := range f.GetMetric() {
		if len(m.GetLabel())*2 != len(labels) {
			continue
		}
		want := map[string]string{}
		for i := 0; i+1 < len(labels); i += 2 {
			want[labels[i]] = labels[i+1]
		}
		match := true
		for _, l := range m.GetLabel() {
			v, ok := want[l.GetName()]
			match = match && ok && v == l.GetValue()
		}
		if match {
			return m
		}
	}
	return nil
}

// value is a counter's or gauge's value; -1 when the series is missing.
func value(fams map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	m := series(fams, name, labels...)
	switch {
	case m == nil:
		return -1
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	}
	return -1
}

func TestMetricsParse(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	other, _ := newServer(t, "", Options{})
	h := s.Handler()
	do(h, "POST", "/v1/render", `{"template":"newsletter","profile":{"id":"a"}}`)
	do(h, "POST", "/v1/render", `{"template":"newsletter","profile":{"id":"b"}}`)
	do(h, "POST", "/v1/render", `{"template":"newsletter","profile":{"id":"a","cart":[{"price":"x"}],"cart_updated_at":"2026-01-01"}}`)
	do(h, "POST", "/v1/render", `{`)
	fams := scrape(t, s)
	for _, tt := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"tailor_serve_requests_total", []string{"route", "render", "code", "200"}, 2},
		{"tailor_serve_requests_total", []string{"code", "422", "route", "render"}, 1},
		{"tailor_serve_requests_total", []string{"code", "400", "route", "render"}, 1},
		{"tailor_serve_renders_total", []string{"result", "ok", "route", "render"}, 2},
		{"tailor_serve_renders_total", []string{"result", "failed", "route", "render"}, 1},
		{"tailor_serve_build_version", nil, 1},
		{"tailor_serve_build_last_failed", nil, 0},
		{"tailor_serve_rebuild_failures_total", nil, 0},
		{"tailor_serve_panics_total", nil, 0},
	} {
		if got := value(fams, tt.name, tt.labels...); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
	lat := series(fams, "tailor_serve_request_duration_seconds", "route", "render")
	if lat == nil || lat.Histogram == nil {
		t.Fatalf("no latency histogram for route render")
	}
	if n := lat.Histogram.GetSampleCount(); n != 4 {
		t.Errorf("latency of route render: %d samples, want 4", n)
	}
	last := uint64(0)
	for _, b := range lat.Histogram.GetBucket() {
		if b.GetCumulativeCount() < last || b.GetCumulativeCount() > 4 {
			t.Errorf("bucket le=%g holds %d after %d: not cumulative", b.GetUpperBound(), b.GetCumulativeCount(), last)
		}
		last = b.GetCumulativeCount()
	}
	// A route's series appear when it is first used, not before.
	if series(fams, "tailor_serve_request_duration_seconds", "route", "batch") != nil ||
		value(fams, "tailor_serve_renders_total", "result", "ok", "route", "batch") != -1 {
		t.Error("series of route batch, which no request used")
	}
	// Another Server counts on its own: nothing is shared between them.
	if got := value(scrape(t, other), "tailor_serve_requests_total", "code", "200", "route", "render"); got != -1 {
		t.Errorf("a second server's render count is %v: the servers share their metrics", got)
	}
}

func TestMetricsFailedBuild(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	s.apply(s.ws.Last())
	s.metrics.setBuildErr(errors.New(`modules/hero/welcome.md:1:1: a "quoted" bad\value`))
	fams := scrape(t, s)
	for name, want := range map[string]float64{
		"tailor_serve_build_last_failed":      1,
		"tailor_serve_rebuild_failures_total": 1,
		"tailor_serve_rebuilds_total":         1,
	} {
		if got := value(fams, name); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	s.metrics.setBuildErr(nil)
	if got := value(scrape(t, s), "tailor_serve_build_last_failed"); got != 0 {
		t.Errorf("tailor_serve_build_last_failed after a good build = %v, want 0", got)
	}
}
