package serve

import "github.com/prometheus/client_golang/prometheus"

// jobMetrics count the triggers' jobs: scheduled and cancelled by
// transitions, and each due job's end.
type jobMetrics struct {
	scheduled prometheus.Counter
	// jobs counts due jobs by result: done, cancelled (by a transition or
	// at the re-check), retried (a failed delivery that will be tried
	// again) or dead.
	jobs     *prometheus.CounterVec
	failures prometheus.Counter // failed deliveries, retried or dead
}

// newJobMetrics registers the series in reg.
func newJobMetrics(reg *prometheus.Registry) *jobMetrics {
	m := &jobMetrics{
		scheduled: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tailor_serve_jobs_scheduled_total", Help: "Jobs triggers scheduled for stored recipients.",
		}),
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tailor_serve_jobs_total", Help: "Trigger jobs by what became of them: due (claimed to run), done, cancelled, retried, dead.",
		}, []string{"result"}),
		failures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tailor_serve_job_delivery_failures_total", Help: "Failed deliveries of trigger jobs (each is retried with backoff, or dead).",
		}),
	}
	reg.MustRegister(m.scheduled, m.jobs, m.failures)
	return m
}

// count adds n to the jobs of result.
func (m *jobMetrics) count(result string, n int) {
	if n > 0 {
		m.jobs.WithLabelValues(result).Add(float64(n))
	}
}
