package trigger

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/tailor-email/tailor/store"
)

// Scheduler is the store.TransitionSink of triggers: a transition that
// fires a trigger schedules its job, one that matches a cancel_if cancels
// the trigger's pending jobs for the recipient.
type Scheduler struct {
	// Store keeps the jobs and the profiles (read for a quiet-hours zone).
	Store store.Store
	// Current returns the triggers in use and the workspace's time zone,
	// at each call (tailor serve swaps builds).
	Current func() ([]*Trigger, *time.Location)
	// Clock stamps the jobs' creation; nil means time.Now.
	Clock func() time.Time
	// SendAt, when set, is the recipient's best send time at or after
	// a time (render.Campaign.SendTime with their stored opens and
	// clicks), for triggers with send_time: true; zero for none.
	SendAt func(ctx context.Context, profile string, after time.Time) (time.Time, error)
	// Observe, when set, is told how many jobs a call scheduled and
	// cancelled (for metrics).
	Observe func(scheduled, cancelled int)
}

// Transitions schedules and cancels the jobs of profile's transitions at
// at (see store.TransitionSink).
func (s *Scheduler) Transitions(ctx context.Context, profile string, ts []store.Transition, at time.Time) error {
	triggers, zone := s.Current()
	var jobs []store.Job
	cancelled := 0
	var zoneOf func(field string) *time.Location
	for _, t := range triggers {
		for _, tr := range ts {
			if tr.Segment == "" { // a tier change
				continue
			}
			e := Edge{Segment: tr.Segment, Enter: tr.Entered}
			if t.CancelIf != nil && *t.CancelIf == e {
				n, err := s.Store.CancelJobs(ctx, profile, t.Name, "cancel_if: "+e.String()+" at "+at.UTC().Format(time.RFC3339), at)
				if err != nil {
					return fmt.Errorf("trigger %s: %w", t.Name, err)
				}
				cancelled += n
			}
			if t.On != e {
				continue
			}
			due, err := s.sendAt(ctx, t, profile, at.Add(t.Delay))
			if err != nil {
				return fmt.Errorf("trigger %s: %w", t.Name, err)
			}
			if t.Quiet != nil {
				if zoneOf == nil {
					zoneOf = s.zones(ctx, profile)
				}
				loc := zone
				if t.Quiet.Zone != nil {
					loc = t.Quiet.Zone
				} else if z := zoneOf(t.Quiet.ZoneField); z != nil {
					loc = z
				}
				due = t.Quiet.Next(due, loc)
			}
			jobs = append(jobs, store.Job{Key: Key(t.Name, profile, e, tr, at), Trigger: t.Name, Profile: profile,
				Email: t.Email, Due: due, Created: s.now(), OncePer: t.OncePer})
		}
	}
	scheduled := 0
	if len(jobs) > 0 {
		got, err := s.Store.Schedule(ctx, jobs)
		if err != nil {
			return fmt.Errorf("triggers: %w", err)
		}
		scheduled = len(got)
	}
	if s.Observe != nil {
		s.Observe(scheduled, cancelled)
	}
	return nil
}

// Key is a job's unique key: the trigger, the recipient, the transition
// and its time and cause, so the same transition never schedules twice.
func Key(trigger, profile string, e Edge, tr store.Transition, at time.Time) string {
	return trigger + "\x1f" + profile + "\x1f" + e.String() + "\x1f" + strconv.FormatInt(at.UnixMicro(), 10) + "\x1f" + tr.Cause
}

// sendAt is due, or for a trigger with send_time the recipient's best
// send time at or after it, when they have one.
func (s *Scheduler) sendAt(ctx context.Context, t *Trigger, profile string, due time.Time) (time.Time, error) {
	if !t.SendTime || s.SendAt == nil {
		return due, nil
	}
	at, err := s.SendAt(ctx, profile, due)
	if err != nil || at.IsZero() {
		return due, err
	}
	return at, nil
}

func (s *Scheduler) now() time.Time {
	if s.Clock == nil {
		return time.Now()
	}
	return s.Clock()
}

// zones reads profile once and returns the zone each field names, nil for
// a field it lacks or that is no time zone.
func (s *Scheduler) zones(ctx context.Context, profile string) func(field string) *time.Location {
	var data map[string]any
	if got, err := s.Store.Get(ctx, profile); err == nil {
		json.Unmarshal(got[profile].Data, &data) // an unreadable profile has no zone
	}
	return func(field string) *time.Location {
		name, _ := data[field].(string)
		if name == "" {
			return nil
		}
		loc, err := time.LoadLocation(name)
		if err != nil {
			return nil
		}
		return loc
	}
}
