package batch

import (
	"time"
)

// Summary counts what a batch did. Every record read is counted: once the
// batch has run to its end, Rendered + Failed + Skipped + Suppressed equals
// (Read - OtherShards) * Emails, a result for each recipient and email.
type Summary struct {
	// Rendered, Failed and Skipped count results, one per recipient and
	// email: Skipped are those a resumed run found complete.
	Rendered, Failed, Skipped int
	// Suppressed counts the results Options.Suppressed left out; they
	// are among neither Rendered nor Failed.
	Suppressed int
	// RuleErrors counts the rendered results with rules that could not
	// evaluate (render.Message.RuleErrors).
	RuleErrors int
	// DataErrors counts the rendered results whose profile had values
	// that did not fit the schema (render.Message.DataErrors).
	DataErrors int
	// Read counts the input's records, readable or not; OtherShards those
	// of them that another shard renders (see Shard). Both are set when
	// Run returns.
	Read, OtherShards int
	Emails            int            // the emails rendered for each recipient
	Segments, Modules map[string]int // segment name / "slot=module" -> recipients
	Variants          map[string]int // "experiment=variant" -> recipients
	Start             time.Time
	Elapsed           time.Duration
	keys              map[[2]string]string // {a, b} -> "a=b", made once
}

func newSummary(emails int) *Summary {
	return &Summary{Emails: emails, Segments: map[string]int{}, Modules: map[string]int{}, Variants: map[string]int{},
		Start: time.Now(), keys: map[[2]string]string{}}
}

// key returns "a=b" without building the string again for every recipient.
func (s *Summary) key(a, b string) string {
	k, ok := s.keys[[2]string{a, b}]
	if !ok {
		k = a + "=" + b
		s.keys[[2]string{a, b}] = k
	}
	return k
}

func (s *Summary) add(r Result) {
	if r.Suppressed {
		s.Suppressed++
		return
	}
	if r.Err != nil {
		s.Failed++
		return
	}
	s.Rendered++
	if len(r.Msg.RuleErrors) > 0 {
		s.RuleErrors++
	}
	if len(r.Msg.DataErrors) > 0 {
		s.DataErrors++
	}
	for _, seg := range r.Msg.Segments {
		s.Segments[seg]++
	}
	for slot, m := range r.Msg.Modules {
		s.Modules[s.key(slot, m)]++
	}
	for x, v := range r.Msg.Variants {
		s.Variants[s.key(x, v)]++
	}
}

func (s *Summary) finish() { s.Elapsed = time.Since(s.Start) }

// Rate is rendered messages per second so far.
func (s *Summary) Rate() float64 {
	el := s.Elapsed
	if el == 0 {
		el = time.Since(s.Start)
	}
	if el <= 0 {
		return 0
	}
	return float64(s.Rendered) / el.Seconds()
}
