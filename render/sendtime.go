package render

import (
	"errors"
	"time"

	"github.com/tailor-email/tailor/internal/source"
	"github.com/tailor-email/tailor/sendtime"
	"github.com/tailor-email/tailor/workspace"
)

// setupSendTime makes the planner of tailor.yaml's send_time, when it
// has one; its errors are at their place in tailor.yaml.
func (c *Campaign) setupSendTime() error {
	cfg, err := workspace.DecodeSection[sendtime.Config](c.Config.SendTime)
	if err != nil || cfg == nil {
		return err
	}
	p, err := sendtime.New(*cfg, c.Config.Location())
	if err != nil {
		var errs []error
		for _, e := range unjoin(err) {
			path := "$.send_time"
			if fe, ok := e.(*sendtime.FieldError); ok {
				path += "." + fe.Field
			}
			at := c.Config.ErrorAt(path, "send_time: %s", e)
			if se, ok := at.(*source.Error); ok {
				se.Err = e
			}
			errs = append(errs, at)
		}
		return errors.Join(errs...)
	}
	c.sendTime = p
	return nil
}

// SendTime decides a recipient's send time at now (the campaign's clock
// when zero), from the history in their profile and extra (the audience
// store's opens and clicks), and false when tailor.yaml has no send_time.
func (c *Campaign) SendTime(p map[string]any, extra []time.Time, now time.Time) (sendtime.Decision, bool) {
	if c.sendTime == nil {
		return sendtime.Decision{}, false
	}
	return c.sendTime.At(p, extra, c.clock(now)), true
}

// HasSendTime reports whether tailor.yaml has send_time.
func (c *Campaign) HasSendTime() bool { return c.sendTime != nil }

// CountsForSendTime reports whether a stored event of that name is an
// open or a click the send time counts (tailor.yaml's send_time.events);
// false when the workspace has no send_time.
func (c *Campaign) CountsForSendTime(event string) bool {
	return c.sendTime != nil && c.sendTime.Counts(event)
}

// unjoin lists the errors errors.Join joined in err, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
