package serve

import (
	"context"
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/serve/ingest"
	"github.com/tailor-email/tailor/workspace"
)

// refreshSchedule is tailor.yaml's refresh: schedule, nil when it has
// none.
func refreshSchedule(c *render.Campaign) (cron.Schedule, error) {
	spec, err := workspace.DecodeSection[string](c.Config.Refresh)
	if err != nil || spec == nil {
		return nil, err
	}
	sched, err := cron.ParseStandard(*spec)
	if err != nil {
		return nil, fmt.Errorf("tailor.yaml: refresh: %q: want a cron schedule like \"0 3 * * *\" (minute hour day month weekday): %w", *spec, err)
	}
	return sched, nil
}

// startRefresh runs the refresh: schedule of the build in use until ctx
// ends or the returned stop is called (which waits for it). Without a
// store it does nothing.
func (s *Server) startRefresh(ctx context.Context) (stop func()) {
	if s.opts.Store == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.refreshLoop(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}

// refreshHooks let tests drive the refresher: after stands for
// time.After, refreshed sees each refresh's counts. Both nil in use.
type refreshHooks struct {
	after     func(time.Duration) <-chan time.Time
	refreshed func(ingest.RefreshStats)
}

// refreshCheck is how long the refresher waits before it looks again at
// a build without a refresh: schedule.
const refreshCheck = time.Minute

// refreshLoop waits for each time of the schedule, in the workspace's
// time zone, and refreshes every stored profile then. A schedule that a
// reload changed takes effect at the next wait.
func (s *Server) refreshLoop(ctx context.Context) {
	after := s.hooks.after
	if after == nil {
		after = time.After
	}
	for {
		st := s.state.Load()
		sched, _ := refreshSchedule(st.campaign) // checked when the build was loaded
		wait, due := refreshCheck, false
		if sched != nil {
			now := s.clock()
			next := sched.Next(now.In(st.campaign.Config.Location()))
			wait, due = next.Sub(now), true
		}
		select {
		case <-ctx.Done():
			return
		case <-after(wait):
		}
		if due {
			s.refresh(ctx, st)
		}
	}
}

// refresh refreshes every stored profile at the clock's time, counting
// and logging what changed.
func (s *Server) refresh(ctx context.Context, st *state) {
	now := s.clock()
	g := s.ingester(st)
	stats, err := g.RefreshAll(ctx, now, func(res ingest.Result) {
		s.metrics.ingest.transitioned(res.Transitions)
		if res.SinkErr != nil {
			fmt.Fprintf(s.opts.Log, "tailor serve: refresh: %v\n", res.SinkErr)
		}
	})
	if err != nil {
		fmt.Fprintf(s.opts.Log, "tailor serve: refresh at %s: %v\n", now.UTC().Format(time.RFC3339), err)
	}
	fmt.Fprintf(s.opts.Log, "tailor serve: refresh at %s: %d profiles, %d changed, %d transitions\n",
		now.UTC().Format(time.RFC3339), stats.Profiles, stats.Changed, stats.Transitions)
	if s.hooks.refreshed != nil {
		s.hooks.refreshed(stats)
	}
}
