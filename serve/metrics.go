package serve

import (
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics counts requests, renders and builds for /metrics, in a registry
// of the Server's own.
type metrics struct {
	requests  *prometheus.CounterVec   // route, code
	latency   *prometheus.HistogramVec // route
	renders   *prometheus.CounterVec   // route, result: ok|failed
	builds    prometheus.Counter
	buildFail prometheus.Counter
	panics    prometheus.Counter
	ingest    *ingestMetrics // ingest_metrics.go: events and transitions
	jobs      *jobMetrics    // jobs_metrics.go: the triggers' jobs
	lastErr   atomic.Pointer[string]
	handler   http.Handler
	// routes holds each route's series, made when first used: a request
	// then counts itself without hashing its labels.
	routes map[string]*routeSeries
}

// routeSeries are one route's series: its latency, its renders (ok and
// failed), and its requests by status code.
type routeSeries struct {
	latency  lazy[prometheus.Observer]
	renders  [2]lazy[prometheus.Counter]
	requests [600]lazy[prometheus.Counter]
}

// lazy is a series made by its first use.
type lazy[T any] struct{ p atomic.Pointer[T] }

func (l *lazy[T]) get(make func() T) T {
	if p := l.p.Load(); p != nil {
		return *p
	}
	v := make()
	l.p.CompareAndSwap(nil, &v)
	return *l.p.Load()
}

// newMetrics registers the server's series; version reads the build in
// use at each scrape.
func newMetrics(version func() float64) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tailor_serve_requests_total", Help: "HTTP requests by route and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tailor_serve_request_duration_seconds", Help: "Request latency by route.",
			Buckets: []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		renders: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tailor_serve_renders_total", Help: "Recipient renders by route and result (ok or failed).",
		}, []string{"route", "result"}),
		builds: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tailor_serve_rebuilds_total", Help: "Rebuilds after a workspace change.",
		}),
		buildFail: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tailor_serve_rebuild_failures_total", Help: "Rebuilds that failed.",
		}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tailor_serve_panics_total", Help: "Requests that panicked (each failed alone).",
		}),
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(m.requests, m.latency, m.renders, m.builds, m.buildFail, m.panics,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "tailor_serve_build_version", Help: "The workspace build in use (counts builds from 1).",
		}, version),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "tailor_serve_build_last_failed", Help: "1 when the last rebuild failed and an older build is in use.",
		}, m.lastFailed))
	m.ingest = newIngestMetrics(reg)
	m.jobs = newJobMetrics(reg)
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	m.routes = map[string]*routeSeries{}
	for _, r := range []string{"render", "batch", "event", "metrics"} {
		m.routes[r] = &routeSeries{}
	}
	return m
}

func (m *metrics) observe(route string, code int, d time.Duration) {
	rs := m.routes[route]
	if rs == nil || code < 0 || code >= len(rs.requests) {
		m.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
		m.latency.WithLabelValues(route).Observe(d.Seconds())
		return
	}
	rs.requests[code].get(func() prometheus.Counter { return m.requests.WithLabelValues(route, strconv.Itoa(code)) }).Inc()
	rs.latency.get(func() prometheus.Observer { return m.latency.WithLabelValues(route) }).Observe(d.Seconds())
}

func (m *metrics) rendered(route string, err error) {
	result, i := "ok", 0
	if err != nil {
		result, i = "failed", 1
	}
	rs := m.routes[route]
	if rs == nil {
		m.renders.WithLabelValues(route, result).Inc()
		return
	}
	rs.renders[i].get(func() prometheus.Counter { return m.renders.WithLabelValues(route, result) }).Inc()
}

func (m *metrics) setBuildErr(err error) {
	if err == nil {
		m.lastErr.Store(nil)
		return
	}
	m.buildFail.Inc()
	s := err.Error()
	m.lastErr.Store(&s)
}

// buildErr is the last rebuild's error, "" when it succeeded.
func (m *metrics) buildErr() string {
	if p := m.lastErr.Load(); p != nil {
		return *p
	}
	return ""
}

func (m *metrics) lastFailed() float64 {
	if m.lastErr.Load() != nil {
		return 1
	}
	return 0
}

// handleMetrics answers in the Prometheus exposition format the scraper
// asks for (text by default).
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) error {
	s.metrics.handler.ServeHTTP(w, r)
	return nil
}
