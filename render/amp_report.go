package render

import (
	"context"
	"fmt"
	"sort"

	"github.com/tailor-email/tailor/segment"
)

// AMPProblem is a reason, found when the workspace loaded, why recipients
// of an AMP email get no AMP part.
type AMPProblem struct {
	Email  string
	Module string // the module ID, or "" when the email document itself is the cause
	Reason string // "file: what", e.g. "modules/hero/x.html: <img …> has no width and height …"
}

// AMPProblems lists, for an email with amp: true, the modules (and the
// document) whose AMP part can't be built; recipients who get one of them
// get no AMP part. It returns nil for an email without an AMP part.
func (c *Campaign) AMPProblems(name string) []AMPProblem {
	e, ok := c.email(name)
	if !ok || e.amp == nil {
		return nil
	}
	var out []AMPProblem
	if r := e.amp.doc.reason; r != "" {
		out = append(out, AMPProblem{Email: name, Reason: r})
	}
	for _, slot := range e.amp.slots {
		ids := make([]string, 0, len(e.amp.modules[slot]))
		for id := range e.amp.modules[slot] {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			if r := e.amp.modules[slot][id].reason; r != "" {
				out = append(out, AMPProblem{Email: name, Module: id, Reason: r})
			}
		}
	}
	return out
}

// AMPResult is one recipient's AMP outcome.
type AMPResult struct {
	ID      string
	Modules map[string]string // slot -> module ID
	// Dropped is why the recipient's AMP part was left out (a failed
	// validation among the reasons), "" when it goes out.
	Dropped string
	Err     error // the render failed altogether
}

// CheckAMP renders an AMP email for each profile (the workspace's
// fixtures, say) and reports each recipient's AMP outcome; every AMP part
// is validated as part of rendering. It fails only for an unknown email
// or one without amp: true.
func (c *Campaign) CheckAMP(ctx context.Context, name string, profiles []segment.Profile) ([]AMPResult, error) {
	e, ok := c.email(name)
	if !ok {
		return nil, fmt.Errorf("unknown email %q", name)
	}
	if e.amp == nil {
		return nil, fmt.Errorf("%s: the email has no AMP part (amp: true)", e.src.File)
	}
	out := make([]AMPResult, 0, len(profiles))
	for _, p := range profiles {
		m, err := c.Render(ctx, Request{Email: name, Profile: p})
		r := AMPResult{ID: c.RecipientID(p), Err: err}
		if m != nil {
			r.Modules, r.Dropped = m.Modules, m.AMPDropped
		}
		out = append(out, r)
	}
	return out, nil
}
