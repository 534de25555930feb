package executor

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// The bounds a render can run out of. Errors that Execute returns for them
// wrap one of these.
var (
	// ErrSteps: the render spent its step budget.
	ErrSteps = errors.New("step budget spent")
	// ErrTimeout: the render passed its deadline.
	ErrTimeout = errors.New("render took too long")
	// ErrTooLarge: a value or an output would pass the byte budget.
	ErrTooLarge = errors.New("output too large")
)

// checkEvery is how many steps pass between two looks at the clock and
// the context. A step costs tens of nanoseconds at the least, so a render
// notices its deadline or a cancellation well within a millisecond of
// steps; work a step does on large values is counted as extra steps (see
// Budget.work), so a few heavy calls cannot hide a long time either.
const checkEvery = 256

// Budget is what one render may spend. One Budget is shared by every
// program a render executes (subject, body, modules), and is not safe for
// concurrent use.
type Budget struct {
	// Ctx ends the render when it is done (SIGTERM, a closed request).
	Ctx context.Context
	// Deadline ends the render when it passes; Timeout is the limit it
	// came from, for the error. A zero Deadline means none.
	Deadline time.Time
	Timeout  time.Duration
	// Steps is what is left: each range iteration, function call and
	// template call spends one. MaxSteps is the budget's size, for the
	// error.
	Steps, MaxSteps int
	// MaxBytes bounds every value a function with a bound builds (see
	// Config.Bounds); 0 means no bound.
	MaxBytes int

	tick int // steps since the clock was read
}

// NewBudget returns a budget of maxSteps steps and maxBytes bytes that ends
// at timeout from now, or when ctx ends, whichever is first.
func NewBudget(ctx context.Context, timeout time.Duration, maxSteps, maxBytes int) *Budget {
	b := &Budget{}
	b.Reset(ctx, timeout, maxSteps, maxBytes)
	return b
}

// Reset makes b a fresh budget, as NewBudget does, without allocating.
func (b *Budget) Reset(ctx context.Context, timeout time.Duration, maxSteps, maxBytes int) {
	*b = Budget{Ctx: ctx, Timeout: timeout, Steps: maxSteps, MaxSteps: maxSteps, MaxBytes: maxBytes}
	if timeout > 0 {
		b.Deadline = time.Now().Add(timeout)
	}
	if dl, ok := ctx.Deadline(); ok && (b.Deadline.IsZero() || dl.Before(b.Deadline)) {
		// The caller's deadline comes first (serve's --render-timeout):
		// the error names what was left of it.
		b.Deadline, b.Timeout = dl, time.Until(dl).Round(time.Millisecond)
	}
}

// spend takes one step, and every checkEvery steps looks at the clock and
// the context.
func (b *Budget) spend() error {
	if b.Steps--; b.Steps < 0 {
		return fmt.Errorf("%w (%d steps)", ErrSteps, b.MaxSteps)
	}
	if b.tick++; b.tick < checkEvery {
		return nil
	}
	return b.Check()
}

// work counts the bytes a step went through: a step over a large value
// brings the next look at the clock closer.
func (b *Budget) work(n int) {
	b.tick += n >> 12
}

// Check reports whether the render must stop now: its deadline has passed
// or its context has ended.
func (b *Budget) Check() error {
	b.tick = 0
	if !b.Deadline.IsZero() && time.Now().After(b.Deadline) {
		return fmt.Errorf("%w (%s)", ErrTimeout, b.Timeout)
	}
	if b.Ctx != nil {
		if err := b.Ctx.Err(); err != nil {
			return fmt.Errorf("render stopped: %w", err)
		}
	}
	return nil
}

// build checks that a value of n bytes may be built.
func (b *Budget) build(name string, n int64) error {
	if b.MaxBytes > 0 && n > int64(b.MaxBytes) {
		return fmt.Errorf("%s would build %d bytes: %w (at most %d)", name, n, ErrTooLarge, b.MaxBytes)
	}
	b.work(int(min(n, 1<<40)))
	return nil
}
