package preview

import (
	"bytes"
	"net/http"
	"time"

	"github.com/tailor-email/tailor/report"
)

// resultsCSP lets the results page use its inline styles and SVG and
// nothing else: it loads nothing and runs no script.
const resultsCSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// results is an email's Results tab: tailor report's page over the
// store's send log, for the sends of this email. The preview records no
// looks at experiments (tailor report does); without a store there is
// no send log to show.
func (s *Server) results(w http.ResponseWriter, r *http.Request) {
	email := r.PathValue("email")
	c := s.good().Campaign
	if _, ok := c.Email(email); !ok {
		s.fail(w, r, http.StatusNotFound, "no such email")
		return
	}
	if s.opts.Store == nil {
		s.fail(w, r, http.StatusNotFound, "no send log: the preview has no audience store (start it with --store, or keep one in the workspace's .tailor/store.db)")
		return
	}
	opt := report.Options{Template: email, Experiments: c.Config.Experiments, Segments: report.SegmentsOf(c.Rules)}
	rep, err := report.Build(s.opts.Store.SendsBetween(r.Context(), time.Time{}, time.Time{}), opt)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, rep, "Results: "+email); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err.Error())
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", resultsCSP)
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}
