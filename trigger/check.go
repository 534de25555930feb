package trigger

import (
	"errors"
	"strings"

	"github.com/tailor-email/tailor/render"
)

// Check reports, at their place in tailor.yaml, the triggers whose email
// or segments the campaign does not have.
func Check(ts []*Trigger, c *render.Campaign) error {
	var errs []error
	for _, t := range ts {
		if _, ok := c.Email(t.Email); !ok {
			errs = append(errs, t.pos["email"].At("triggers.%s: email: no email %q in the workspace (have %s)", t.Name, t.Email, strings.Join(c.Emails(), ", ")))
		}
		if t.SendTime && !c.HasSendTime() {
			errs = append(errs, t.pos["send_time"].At("triggers.%s: send_time: true, but tailor.yaml has no send_time: section to pick the hour", t.Name))
		}
		edges := map[string]*Edge{"on": &t.On, "cancel_if": t.CancelIf}
		for _, key := range []string{"on", "cancel_if"} {
			e := edges[key]
			if e == nil {
				continue
			}
			if c.Rules == nil || !c.Rules.HasSegment(e.Segment) {
				errs = append(errs, t.pos[key].At("triggers.%s: %s: no segment %q in segments.yaml", t.Name, key, e.Segment))
			}
		}
	}
	return errors.Join(errs...)
}

// Find is the trigger named name in ts, or nil.
func Find(ts []*Trigger, name string) *Trigger {
	for _, t := range ts {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Load compiles the campaign's triggers: section and checks it against
// the campaign (FromConfig, then Check).
func Load(c *render.Campaign) ([]*Trigger, error) {
	ts, err := FromConfig(c.Config)
	if err != nil {
		return nil, err
	}
	if err := Check(ts, c); err != nil {
		return nil, err
	}
	return ts, nil
}
