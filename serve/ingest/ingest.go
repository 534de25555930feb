package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/serve/events"
	"github.com/tailor-email/tailor/store"
)

// Ingester applies events and refreshes to one store under one build.
type Ingester struct {
	Campaign *render.Campaign
	Events   map[string]*events.Event
	Store    store.Store
	// Sink, when set, receives each profile's transitions after they
	// commit; its error is the Result's SinkErr, not a failure.
	Sink store.TransitionSink
}

// Input is one event for one recipient.
type Input struct {
	Name string // the event's name in tailor.yaml's events:
	// ID is the recipient; the profile before the event is the stored
	// one. With Profile set, Profile is the profile before the event
	// (typed by the caller) and ID may be empty (it is Profile's).
	ID      string
	Profile map[string]any
	Event   map[string]any
	Now     time.Time
}

// Result is what one event or refresh did to one profile.
type Result struct {
	ID          string
	Profile     map[string]any // after the event, typed
	Membership  segment.Membership
	Seq         int64 // the appended event's sequence number
	Transitions []store.Transition
	// DataErrors are the values the schema refused, left out of Profile.
	DataErrors []*schema.Error
	// SinkErr is the TransitionSink's error; the store has the update.
	SinkErr error
}

// The errors of an Input that cannot apply, for callers to tell apart.
var (
	ErrUnknownEvent   = errors.New("no such event")
	ErrUnknownProfile = errors.New("no stored profile")
	ErrNoID           = errors.New("no recipient ID")
	ErrBadEvent       = errors.New("the event does not apply")
)

// Event applies in to its stored profile in one transaction and then
// hands the transitions to the sink.
func (g *Ingester) Event(ctx context.Context, in Input) (Result, error) {
	it, res, err := g.item(in)
	if err != nil {
		return Result{}, err
	}
	applied, err := g.Store.Apply(ctx, it.ID, it.At, it.Fn)
	if err != nil {
		return Result{}, unwrapOwn(err)
	}
	g.done(ctx, res, applied, in.Now)
	return *res, nil
}

// Batch applies ins in one store transaction, each in a savepoint of
// its own (store.Applier.ApplyEach): one that fails has its error at its
// index and the others apply, with one commit for them all. err is a
// failure of the whole.
func (g *Ingester) Batch(ctx context.Context, ins []Input) (results []Result, errs []error, err error) {
	results, errs = make([]Result, len(ins)), make([]error, len(ins))
	var items []store.Item
	var index []int
	var rs []*Result
	for i, in := range ins {
		it, res, err := g.item(in)
		if err != nil {
			errs[i] = err
			continue
		}
		items, index, rs = append(items, it), append(index, i), append(rs, res)
	}
	if len(items) == 0 {
		return results, errs, nil
	}
	out, itemErrs, err := g.Store.ApplyEach(ctx, items)
	if err != nil {
		return nil, nil, err
	}
	for j, i := range index {
		if itemErrs[j] != nil {
			errs[i] = unwrapOwn(itemErrs[j])
			continue
		}
		g.done(ctx, rs[j], out[j], ins[i].Now)
		results[i] = *rs[j]
	}
	return results, errs, nil
}

// done completes res with what the store wrote and hands its
// transitions to the sink.
func (g *Ingester) done(ctx context.Context, res *Result, applied store.Applied, at time.Time) {
	res.Seq, res.Transitions = applied.Seq, applied.Transitions
	g.sink(ctx, res, at)
}

// item is the store update of one event, and the Result its function
// fills as it runs.
func (g *Ingester) item(in Input) (store.Item, *Result, error) {
	ev := g.Events[in.Name]
	if ev == nil {
		return store.Item{}, nil, fmt.Errorf("%w %q", ErrUnknownEvent, in.Name)
	}
	id := in.ID
	if in.Profile != nil {
		if pid := g.Campaign.RecipientID(in.Profile); pid != "" {
			id = pid
		}
	}
	if id == "" {
		return store.Item{}, nil, fmt.Errorf("%w: no id, and the profile has no %s or %s", ErrNoID, g.Campaign.Config.IDField, g.Campaign.Config.EmailField)
	}
	payload, err := json.Marshal(in.Event)
	if err != nil {
		return store.Item{}, nil, fmt.Errorf("event %s: %w", in.Name, err)
	}
	res := &Result{ID: id}
	fn := func(cur store.Current) (store.Update, error) {
		*res = Result{ID: id}
		before := in.Profile
		if before == nil {
			if !cur.Found {
				return store.Update{}, fmt.Errorf("%w %q", ErrUnknownProfile, id)
			}
			var err error
			if before, res.DataErrors, err = Decode(g.Campaign, cur.Profile.Data); err != nil {
				return store.Update{}, err
			}
		}
		after, err := ev.Apply(before, in.Event, in.Now)
		if err != nil {
			return store.Update{}, fmt.Errorf("%w: event %s: %w", ErrBadEvent, ev.Name, err)
		}
		res.DataErrors = append(res.DataErrors, Type(g.Campaign, after, "event "+ev.Name)...)
		res.Profile = after
		u, err := g.update(after, in.Now, res)
		u.Event = &store.Event{Name: ev.Name, At: in.Now, Data: payload}
		return u, err
	}
	return store.Item{ID: id, At: in.Now, Fn: own(fn)}, res, nil
}

// update is the store update of a profile after the event: the profile
// itself and its membership at now.
func (g *Ingester) update(p map[string]any, now time.Time, res *Result) (store.Update, error) {
	data, err := json.Marshal(p)
	if err != nil {
		return store.Update{}, fmt.Errorf("profile %s: %w", res.ID, err)
	}
	email, _ := p[g.Campaign.Config.EmailField].(string)
	res.Membership, _ = g.Campaign.Rules.Evaluate(p, now) // a rule that cannot evaluate does not match
	return store.Update{
		Profile:  &store.Profile{ID: res.ID, Email: email, Data: data, Updated: now},
		Segments: res.Membership.Segments, Scores: res.Membership.Scores, Tiers: res.Membership.Tiers,
	}, nil
}

// sink hands res's transitions to the sink, when there are any.
func (g *Ingester) sink(ctx context.Context, res *Result, at time.Time) {
	if g.Sink == nil || len(res.Transitions) == 0 {
		return
	}
	if err := g.Sink.Transitions(ctx, res.ID, res.Transitions, at); err != nil {
		res.SinkErr = fmt.Errorf("transitions of %s: %w", res.ID, err)
	}
}

// Decode reads a stored profile's JSON and types it by the campaign's
// schema.
func Decode(c *render.Campaign, data []byte) (map[string]any, []*schema.Error, error) {
	var p map[string]any
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, nil, fmt.Errorf("stored profile: %w", err)
	}
	if p == nil {
		p = map[string]any{}
	}
	return p, Type(c, p, "store"), nil
}

// Type types p in place by the campaign's schema, or by one inferred from
// p when it has none, and returns the values that did not fit (left out
// of p), named as coming from src.
func Type(c *render.Campaign, p map[string]any, src string) []*schema.Error {
	s := c.Schema
	if s == nil {
		in := &schema.Inferrer{IDField: c.Config.IDField, AllOptional: true}
		in.Add(p, nil, false, src)
		got, err := in.Infer()
		if err != nil {
			return nil
		}
		s = got.Schema
	}
	errs := s.Apply(p)
	for _, e := range errs {
		e.Source = src
	}
	return errs
}

// ownError is an error of an ApplyFunc of this package, which the store
// wraps with its own words; unwrapOwn takes it back out.
type ownError struct{ err error }

func (e ownError) Error() string { return e.err.Error() }
func (e ownError) Unwrap() error { return e.err }

// own marks the errors of fn as the package's own.
func own(fn store.ApplyFunc) store.ApplyFunc {
	return func(cur store.Current) (store.Update, error) {
		u, err := fn(cur)
		if err != nil {
			return u, ownError{err}
		}
		return u, nil
	}
}

// unwrapOwn returns the ApplyFunc's own error within err, or err.
func unwrapOwn(err error) error {
	var o ownError
	if errors.As(err, &o) {
		return o.err
	}
	return err
}
