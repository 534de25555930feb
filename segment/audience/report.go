package audience

import (
	"fmt"
	"io"
	"strings"

	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
)

// Recipient is one evaluated recipient.
type Recipient struct {
	ID         string
	Profile    segment.Profile
	Membership segment.Membership
	Err        error // rule errors from Evaluate (the Membership is still complete)
	// DataErrors are the profile's values that did not fit the schema
	// (left out of Profile), each at its source:line:col.
	DataErrors []*schema.Error
	// Schema is the schema the profile was typed by; nil when untyped.
	Schema *schema.Schema
}

// Section is one part of a report: Add sees every recipient, in order;
// Write prints the section once all were added.
type Section interface {
	Add(r Recipient)
	Write(w io.Writer) error
}

// Report is a list of sections fed the same recipients.
type Report struct {
	Sections []Section
	total    int
}

// New returns the standard report for rules, followed by extra sections.
func New(rules *segment.Rules, extra ...Section) *Report {
	st := newStats(rules)
	secs := []Section{
		printed(st.writeSizes), printed(st.writeTiers), printed(st.writeOverlaps),
		printed(st.writeEmpty), printed(st.writeNone), printed(st.writeMissing), printed(st.writeDataErrors), printed(st.writeErrors),
	}
	return &Report{Sections: append([]Section{st}, append(secs, extra...)...)}
}

// Add feeds one recipient to every section.
func (r *Report) Add(rec Recipient) {
	r.total++
	for _, s := range r.Sections {
		s.Add(rec)
	}
}

// Write prints every section, separated by blank lines.
func (r *Report) Write(w io.Writer) error {
	fmt.Fprintf(w, "recipients: %d\n", r.total)
	for _, s := range r.Sections {
		var b strings.Builder
		if err := s.Write(&b); err != nil {
			return err
		}
		if b.Len() > 0 {
			if _, err := fmt.Fprintf(w, "\n%s", b.String()); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxIDs is how many recipient IDs a section lists before "...".
const maxIDs = 10

// idList formats up to maxIDs IDs.
func idList(ids []string, total int) string {
	s := strings.Join(ids, ", ")
	if total > len(ids) {
		s += fmt.Sprintf(", ... (%d more)", total-len(ids))
	}
	return s
}

// pct is n as a percentage of total.
func pct(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return 100 * float64(n) / float64(total)
}
