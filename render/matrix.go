package render

import (
	"fmt"
	"time"

	"github.com/tailor-email/tailor/modules"
	"github.com/tailor-email/tailor/segment"
)

// Matrix is an email's decision matrix: for each segment, the module each
// slot shows to a recipient in that segment alone, computed from the
// modules' front matter.
type Matrix struct {
	Email string
	Slots []string
	Rows  []MatrixRow // one per segment of segments.yaml, then "" for recipients in none
}

// MatrixRow is one segment's line of the matrix.
type MatrixRow struct {
	Segment string
	// Cells holds, per slot, the modules a recipient of the segment may
	// get, in the order selection tries them: every module whose condition
	// depends on more than the segment (when, experiment, locale, dates)
	// up to the first that depends on nothing else. The last is what they
	// get when none of the others applies; nil when the slot has no
	// fallback.
	Cells [][]*modules.Module
}

// Matrix computes the decision matrix of an email.
func (c *Campaign) Matrix(email string) (*Matrix, error) {
	e, ok := c.email(email)
	if !ok {
		return nil, fmt.Errorf("unknown email %q", email)
	}
	m := &Matrix{Email: email, Slots: e.slots}
	for _, seg := range append(c.Rules.Segments(), "") {
		row := MatrixRow{Segment: seg}
		for _, slot := range e.slots {
			row.Cells = append(row.Cells, cell(c.Library.Modules(slot), seg))
		}
		m.Rows = append(m.Rows, row)
	}
	return m, nil
}

func cell(mods []*modules.Module, seg string) []*modules.Module {
	var out []*modules.Module
	for _, pass := range []bool{false, true} { // segment modules first, fallbacks last
		for _, mod := range mods {
			if mod.Fallback() != pass || !targets(mod, seg) {
				continue
			}
			out = append(out, mod)
			if onlySegment(mod) {
				return out
			}
		}
	}
	return out
}

// targets reports whether a recipient in seg alone can satisfy the
// module's segment condition.
func targets(m *modules.Module, seg string) bool {
	if len(m.Segments) == 0 {
		return true
	}
	for _, s := range m.Segments {
		if s == seg {
			return true
		}
	}
	return false
}

// onlySegment reports whether the module depends on nothing but segments.
func onlySegment(m *modules.Module) bool {
	return m.When == nil && m.Experiment == "" && m.Locale == "" && m.Starts.IsZero() && m.Ends.IsZero()
}

// Plan returns the module each slot of an email gets for a recipient,
// without rendering: the decision the engine would make.
func (c *Campaign) Plan(email string, p segment.Profile, now time.Time) (map[string]*modules.Module, error) {
	e, env, err := c.decision(email, p, now)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*modules.Module, len(e.slots))
	id := c.RecipientID(p)
	for _, slot := range e.slots {
		if out[slot], _, err = c.pick(slot, env, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}
