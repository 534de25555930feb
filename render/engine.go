package render

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tailor-email/tailor/internal/oneline"
	"github.com/tailor-email/tailor/modules"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
)

// Render renders one email for one recipient. It evaluates the
// recipient's segments, scores and experiment variants, picks a module for
// every slot, and executes the compiled templates within the campaign's time
// and size bounds. A panic in a template function becomes an error.
func (c *Campaign) Render(ctx context.Context, req Request) (*Message, error) {
	e, ok := c.email(req.Email)
	if !ok {
		return nil, fmt.Errorf("unknown email %q (have %s)", req.Email, strings.Join(c.Emails(), ", "))
	}
	if len(req.DataErrors) > 0 && req.StrictRules {
		return nil, dataError(req.DataErrors)
	}
	now := c.clock(req.Now)
	id := c.RecipientID(req.Profile)
	m, err := c.Rules.Evaluate(req.Profile, now)
	if err != nil && req.StrictRules {
		return nil, fmt.Errorf("segments: %w", err)
	}
	env := segment.Env{Profile: req.Profile, Membership: m, Variants: c.assign(id), Now: now}
	msg := &Message{
		ID: id, Template: e.src.Name, From: c.Config.From, To: c.recipientAddress(req.Profile),
		Segments: c.inSegments(m), Scores: m.Scores, Tiers: m.Tiers, Variants: env.Variants, RuleErrors: ruleErrors(err),
		DataErrors: dataErrors(req.DataErrors), Modules: make(map[string]string, len(e.slots)), Date: now,
	}
	picked, err := c.plan(e, env, msg)
	if err != nil {
		return nil, err
	}
	if c.sendTime != nil {
		msg.SendAt = c.sendTime.At(req.Profile, req.Engagement, now).At
	}
	d := &Data{
		Profile: req.Profile, Segments: m.Segments, Scores: m.Scores, Tiers: m.Tiers,
		Predictions: m.Predictions, Variants: env.Variants, Now: now, Locale: c.locale(req.Profile), Campaign: c.Config.Name,
	}
	if err := c.execute(ctx, e, picked, d, msg, jsonForms{html: req.HTMLJSON, amp: req.AMPJSON}); err != nil {
		return nil, err
	}
	return msg, nil
}

// dataErrors lists a profile's data errors.
func dataErrors(errs []*schema.Error) []string {
	if len(errs) == 0 {
		return nil
	}
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

// dataError is the failure of a recipient with data errors, under
// StrictRules: each error, joined by "; ".
func dataError(errs []*schema.Error) error {
	joined := make([]error, len(errs))
	for i, e := range errs {
		joined[i] = e
	}
	return joinedError{errors.Join(joined...)}
}

// joinedError prints the errors it joins on one line.
type joinedError struct{ err error }

func (e joinedError) Error() string { return strings.ReplaceAll(e.err.Error(), "\n", "; ") }
func (e joinedError) Unwrap() error { return e.err }

// ruleErrors lists the errors of the rules that could not evaluate.
func ruleErrors(err error) []string {
	if err == nil {
		return nil
	}
	var out []string
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = append(out, e.Error())
		}
		return out
	}
	return []string{err.Error()}
}

// plan picks the module of every slot of the email.
func (c *Campaign) plan(e *email, env segment.Env, msg *Message) ([]*part, error) {
	picked := make([]*part, len(e.slots))
	for i, slot := range e.slots {
		mod, ch, err := c.pick(slot, env, msg.ID)
		if err != nil {
			return nil, err
		}
		if mod == nil {
			return nil, fmt.Errorf("slot %q: no module matches and the slot has no fallback", slot)
		}
		msg.Modules[slot] = mod.ID
		if ch != nil && ch.NoChoice == "" {
			if msg.Propensity == nil {
				msg.Propensity = make(map[string]float64, len(c.selects))
			}
			msg.Propensity[slot] = ch.Propensity
		}
		picked[i] = e.modules[slot][mod.ID]
	}
	return picked, nil
}

// Explain lists, for every slot of an email, the candidate modules and why
// each did or did not qualify for the recipient.
func (c *Campaign) Explain(name string, p segment.Profile, now time.Time) (map[string][]modules.Candidate, error) {
	e, env, err := c.decision(name, p, now)
	if err != nil {
		return nil, err
	}
	out := map[string][]modules.Candidate{}
	for _, slot := range e.slots {
		out[slot] = c.Library.Explain(slot, env)
	}
	return out, nil
}

// decision finds an email and what picks its modules for a recipient, as
// Render does, except that a rule that cannot evaluate does not match (as
// it does not in Render without StrictRules).
func (c *Campaign) decision(name string, p segment.Profile, now time.Time) (*email, segment.Env, error) {
	e, ok := c.email(name)
	if !ok {
		return nil, segment.Env{}, fmt.Errorf("unknown email %q", name)
	}
	now = c.clock(now)
	m, _ := c.Rules.Evaluate(p, now)
	return e, segment.Env{Profile: p, Membership: m, Variants: c.assign(c.RecipientID(p)), Now: now}, nil
}

func (c *Campaign) clock(t time.Time) time.Time {
	switch {
	case !t.IsZero():
		return t
	case !c.now.IsZero():
		return c.now
	}
	return time.Now()
}

func (c *Campaign) assign(id string) map[string]string {
	v := make(map[string]string, len(c.Config.Experiments))
	for _, x := range c.Config.Experiments {
		v[x.Name] = x.Assign(id)
	}
	return v
}

// RecipientID returns the recipient's ID (see workspace.Config.RecipientID).
func (c *Campaign) RecipientID(p segment.Profile) string { return c.Config.RecipientID(p) }

// recipientAddress is the To address: "First Last <email>" when the
// profile has names. CR and LF are removed.
func (c *Campaign) recipientAddress(p segment.Profile) string {
	addr, _ := p[c.Config.EmailField].(string)
	addr = oneLine(addr)
	return addr
}

func (c *Campaign) locale(p segment.Profile) string {
	if l, ok := p["locale"].(string); ok && l != "" {
		return l
	}
	return c.Config.Locale
}

// inSegments lists the segments the recipient is in, sorted.
func (c *Campaign) inSegments(m segment.Membership) []string {
	out := make([]string, 0, len(c.segments))
	for _, s := range c.segments {
		if m.Segments[s] {
			out = append(out, s)
		}
	}
	return out
}

// oneLine makes a header-bound value safe: control characters (CR and LF
// among them) become a space, the ends are trimmed; the .eml writer applies
// the same rule (oneline.Clean), so JSONL and .eml agree.
func oneLine(s string) string { return oneline.Clean(s) }
