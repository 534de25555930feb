package serve

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// buckets are the latency histogram's upper bounds, in seconds.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics counts requests, renders and builds for /metrics.
type metrics struct {
	mu        sync.Mutex
	requests  map[[2]string]int64 // route, code
	latency   map[string]*histogram
	renders   map[[2]string]int64 // route, ok|failed
	builds    atomic.Int64
	panics    atomic.Int64
	buildFail atomic.Int64
	lastErr   atomic.Pointer[string]
}

type histogram struct {
	counts []int64 // per bucket, not cumulative
	sum    float64
	n      int64
}

func newMetrics() *metrics {
	return &metrics{requests: map[[2]string]int64{}, latency: map[string]*histogram{}, renders: map[[2]string]int64{}}
}

func (m *metrics) observe(route string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{route, strconv.Itoa(code)}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]int64, len(buckets))}
		m.latency[route] = h
	}
	sec := d.Seconds()
	if i := sort.SearchFloat64s(buckets, sec); i < len(buckets) {
		h.counts[i]++
	}
	h.sum += sec
	h.n++
}

func (m *metrics) rendered(route string, err error) {
	result := "ok"
	if err != nil {
		result = "failed"
	}
	m.mu.Lock()
	m.renders[[2]string{route, result}]++
	m.mu.Unlock()
}

func (m *metrics) setBuildErr(err error) {
	if err == nil {
		m.lastErr.Store(nil)
		return
	}
	m.buildFail.Add(1)
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

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	s.metrics.write(w, s.state.Load().version)
	return nil
}

// write prints the Prometheus text exposition format.
func (m *metrics) write(w io.Writer, version int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p("# HELP tailor_serve_requests_total HTTP requests by route and status code.")
	p("# TYPE tailor_serve_requests_total counter")
	for _, k := range sortedKeys(m.requests) {
		p(`tailor_serve_requests_total{route=%q,code=%q} %d`, k[0], k[1], m.requests[k])
	}
	p("# HELP tailor_serve_renders_total Recipient renders by route and result (ok or failed).")
	p("# TYPE tailor_serve_renders_total counter")
	for _, k := range sortedKeys(m.renders) {
		p(`tailor_serve_renders_total{route=%q,result=%q} %d`, k[0], k[1], m.renders[k])
	}
	p("# HELP tailor_serve_request_duration_seconds Request latency by route.")
	p("# TYPE tailor_serve_request_duration_seconds histogram")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, r := range routes {
		h, cum := m.latency[r], int64(0)
		for i, b := range buckets {
			cum += h.counts[i]
			p(`tailor_serve_request_duration_seconds_bucket{route=%q,le="%g"} %d`, r, b, cum)
		}
		p(`tailor_serve_request_duration_seconds_bucket{route=%q,le="+Inf"} %d`, r, h.n)
		p(`tailor_serve_request_duration_seconds_sum{route=%q} %g`, r, h.sum)
		p(`tailor_serve_request_duration_seconds_count{route=%q} %d`, r, h.n)
	}
	failed := 0
	if m.buildErr() != "" {
		failed = 1
	}
	p("# HELP tailor_serve_build_version The workspace build in use (counts builds from 1).")
	p("# TYPE tailor_serve_build_version gauge")
	p("tailor_serve_build_version %d", version)
	p("# HELP tailor_serve_build_last_failed 1 when the last rebuild failed and an older build is in use.")
	p("# TYPE tailor_serve_build_last_failed gauge")
	p("tailor_serve_build_last_failed %d", failed)
	p("# HELP tailor_serve_rebuilds_total Rebuilds after a workspace change.")
	p("# TYPE tailor_serve_rebuilds_total counter")
	p("tailor_serve_rebuilds_total %d", m.builds.Load())
	p("# HELP tailor_serve_rebuild_failures_total Rebuilds that failed.")
	p("# TYPE tailor_serve_rebuild_failures_total counter")
	p("tailor_serve_rebuild_failures_total %d", m.buildFail.Load())
	p("# HELP tailor_serve_panics_total Requests that panicked (each failed alone).")
	p("# TYPE tailor_serve_panics_total counter")
	p("tailor_serve_panics_total %d", m.panics.Load())
}

func sortedKeys(m map[[2]string]int64) [][2]string {
	keys := make([][2]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	return keys
}
