package serve

import (
	"context"
	"time"
)

// renderContext is the context a render request renders in: the
// request's, with the server's render timeout as its deadline. A render
// reads the deadline and the clock itself (its budget), and never waits on
// Done, so no timer is armed and nothing is registered with the request's
// context, as context.WithTimeout would for every request. Code that waits
// (delivering a message) uses context.WithTimeout.
func renderContext(parent context.Context, timeout time.Duration) context.Context {
	dl := time.Now().Add(timeout)
	if pdl, ok := parent.Deadline(); ok && pdl.Before(dl) {
		return parent
	}
	return deadlineCtx{Context: parent, deadline: dl}
}

// deadlineCtx is a context with a deadline and no timer: Err reports it
// passed; Done is the parent's.
type deadlineCtx struct {
	context.Context
	deadline time.Time
}

// Deadline returns the render's deadline.
func (c deadlineCtx) Deadline() (time.Time, bool) { return c.deadline, true }

// Err is the parent's error, else context.DeadlineExceeded once the
// deadline has passed.
func (c deadlineCtx) Err() error {
	if err := c.Context.Err(); err != nil {
		return err
	}
	if !time.Now().Before(c.deadline) {
		return context.DeadlineExceeded
	}
	return nil
}
