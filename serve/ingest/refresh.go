package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/tailor-email/tailor/store"
)

// Refresh evaluates the stored profile id again at now, with no event:
// the segments and tiers that time alone changed are written, with
// transitions of cause store.RefreshCause; nothing is written when
// nothing changed. A profile no longer stored is no error (zero Result).
func (g *Ingester) Refresh(ctx context.Context, id string, now time.Time) (Result, error) {
	res := Result{ID: id}
	applied, err := g.Store.Apply(ctx, id, now, func(cur store.Current) (store.Update, error) {
		if !cur.Found {
			return store.Update{}, nil
		}
		p, errs, err := Decode(g.Campaign, cur.Profile.Data)
		if err != nil {
			return store.Update{}, err
		}
		res.Profile, res.DataErrors = p, errs
		res.Membership, _ = g.Campaign.Rules.Evaluate(p, now)
		return store.Update{Cause: store.RefreshCause, Segments: res.Membership.Segments,
			Scores: res.Membership.Scores, Tiers: res.Membership.Tiers}, nil
	})
	if err != nil {
		return Result{}, err
	}
	res.Transitions = applied.Transitions
	g.sink(ctx, &res, now)
	return res, nil
}

// RefreshStats counts a refresh over the store.
type RefreshStats struct {
	Profiles, Changed, Transitions, SinkErrors int
}

// RefreshAll refreshes every stored profile at now, streaming the store a
// page at a time (memory holds one page), and calls each, when not nil,
// with every Result that has transitions.
func (g *Ingester) RefreshAll(ctx context.Context, now time.Time, each func(Result)) (RefreshStats, error) {
	var st RefreshStats
	for p, err := range g.Store.Profiles(ctx, store.Filter{}) {
		if err != nil {
			return st, err
		}
		res, err := g.Refresh(ctx, p.ID, now)
		if err != nil {
			return st, fmt.Errorf("refresh %s: %w", p.ID, err)
		}
		st.Profiles++
		if len(res.Transitions) == 0 {
			continue
		}
		st.Changed++
		st.Transitions += len(res.Transitions)
		if res.SinkErr != nil {
			st.SinkErrors++
		}
		if each != nil {
			each(res)
		}
	}
	return st, nil
}
