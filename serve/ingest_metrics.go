package serve

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/tailor-email/tailor/serve/ingest"
	"github.com/tailor-email/tailor/store"
)

// ingestMetrics count the events applied to stored profiles and the
// transitions they (and refreshes) recorded.
type ingestMetrics struct {
	events      *prometheus.CounterVec // result: applied|failed
	transitions *prometheus.CounterVec // kind: entered|left|tier
}

// newIngestMetrics registers the series in reg.
func newIngestMetrics(reg *prometheus.Registry) *ingestMetrics {
	m := &ingestMetrics{
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tailor_serve_events_total", Help: "Events applied to stored profiles, by result (applied or failed).",
		}, []string{"result"}),
		transitions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tailor_serve_transitions_total", Help: "Transitions recorded, by kind (entered or left a segment, tier changed).",
		}, []string{"kind"}),
	}
	reg.MustRegister(m.events, m.transitions)
	return m
}

// counted counts one event's result and its transitions.
func (m *ingestMetrics) counted(res ingest.Result, err error) {
	if err != nil {
		m.events.WithLabelValues("failed").Inc()
		return
	}
	m.events.WithLabelValues("applied").Inc()
	m.transitioned(res.Transitions)
}

// transitioned counts transitions by kind.
func (m *ingestMetrics) transitioned(ts []store.Transition) {
	for _, t := range ts {
		kind := "tier"
		switch {
		case t.Score != "":
		case t.Entered:
			kind = "entered"
		default:
			kind = "left"
		}
		m.transitions.WithLabelValues(kind).Inc()
	}
}
