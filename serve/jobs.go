package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/trigger"
)

// JobOptions configure the runner of the triggers' jobs.
type JobOptions struct {
	// Owner names this runner in the store's leases; default
	// HOST-PID-RANDOM.
	Owner string
	// Lease is how long a claimed job is this runner's; a job still
	// running after it (its runner died) is claimed again. Default 5m.
	Lease time.Duration
	// Poll is how often the runner looks for due jobs; default 1s.
	Poll time.Duration
	// Batch is how many due jobs one claim takes; default 20.
	Batch int
	// Retry is how failed deliveries are retried before they are dead.
	Retry store.RetryPolicy
}

func (o *JobOptions) defaults() {
	if o.Owner == "" {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		rand.Read(b) // never fails (crypto/rand)
		o.Owner = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
	}
	if o.Lease <= 0 {
		o.Lease = 5 * time.Minute
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Batch <= 0 {
		o.Batch = 20
	}
}

// initJobs makes the server, when it has a store, the sink of its
// transitions: the build's triggers schedule and cancel jobs.
func (s *Server) initJobs() {
	if s.opts.Store == nil || s.opts.Transitions != nil {
		return
	}
	s.opts.Transitions = s.Scheduler()
}

// Scheduler is the trigger.Scheduler of the build in use, counting into
// the server's metrics.
func (s *Server) Scheduler() *trigger.Scheduler {
	return &trigger.Scheduler{Store: s.opts.Store, Clock: s.clock,
		Current: func() ([]*trigger.Trigger, *time.Location) {
			st := s.state.Load()
			return st.triggers, st.campaign.Config.Location()
		},
		SendAt: trigger.SendAt(s.opts.Store, func() *render.Campaign { return s.state.Load().campaign }),
		Observe: func(scheduled, cancelled int) {
			s.metrics.jobs.scheduled.Add(float64(scheduled))
			s.metrics.jobs.count("cancelled", cancelled)
		}}
}

// loadTriggers compiles a build's triggers: and checks their emails and
// segments against it. A trigger that writes to the outbox of a server
// with a store and no outbox folder is logged: its jobs would fail.
func (s *Server) loadTriggers(c *render.Campaign) ([]*trigger.Trigger, error) {
	ts, err := trigger.Load(c)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if t.Outbox && s.opts.Outbox == "" && s.opts.Store != nil {
			fmt.Fprintf(s.opts.Log, "tailor serve: triggers.%s has outbox: true but the server has no --outbox: its jobs will fail, be retried and end dead\n", t.Name)
		}
	}
	return ts, nil
}

// RunJobs runs the due jobs of the store until ctx ends: at each poll, or
// at once when ctx starts. Without a store it returns at once.
func (s *Server) RunJobs(ctx context.Context) error {
	if s.opts.Store == nil {
		return nil
	}
	tick := time.NewTicker(s.opts.Jobs.Poll)
	defer tick.Stop()
	for {
		if _, err := s.RunDueJobs(ctx); err != nil && ctx.Err() == nil {
			fmt.Fprintf(s.opts.Log, "tailor serve: jobs: %v\n", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// RunDueJobs claims and runs the jobs due at the server's clock until none
// is left, and returns how many it ran.
func (s *Server) RunDueJobs(ctx context.Context) (int, error) {
	o := s.opts.Jobs
	n := 0
	for {
		jobs, err := s.opts.Store.Claim(ctx, o.Owner, s.clock(), o.Lease, o.Batch)
		if err != nil || len(jobs) == 0 {
			return n, err
		}
		for _, j := range jobs {
			if ctx.Err() != nil {
				// Stopping: the batch's other jobs run again after their
				// lease, here or on another server.
				return n, nil
			}
			// A job begun is finished, even when ctx ends meanwhile.
			if err := s.runJob(context.WithoutCancel(ctx), j); err != nil {
				return n, err
			}
			n++
		}
	}
}

// runJob runs one claimed job to its next state: done, cancelled,
// pending again after a backoff, or dead. Only the store failing is an
// error.
func (s *Server) runJob(ctx context.Context, j store.Job) error {
	m, o, st := s.metrics.jobs, s.opts.Jobs, s.opts.Store
	m.count("due", 1)
	if j.Attempts > o.Retry.Limit() {
		// Claimed again after its leases ran out that often: its runs die.
		return s.retryJob(ctx, j, fmt.Errorf("claimed %d times, its runner never finished", j.Attempts))
	}
	skip, err := s.deliverJob(ctx, s.state.Load(), j)
	if err != nil {
		m.failures.Inc()
		return s.retryJob(ctx, j, err)
	}
	state, result := store.JobDone, "done"
	if skip != "" {
		state, result = store.JobCancelled, "cancelled"
	}
	if err := st.Finish(ctx, j.ID, o.Owner, state, skip, s.clock()); err != nil {
		if errors.Is(err, store.ErrLeaseLost) {
			fmt.Fprintf(s.opts.Log, "tailor serve: job %d: %v (another runner took it after its lease)\n", j.ID, err)
			return nil
		}
		return err
	}
	m.count(result, 1)
	return nil
}

// retryJob puts a failed job back after its backoff, or ends it dead.
func (s *Server) retryJob(ctx context.Context, j store.Job, cause error) error {
	fmt.Fprintf(s.opts.Log, "tailor serve: job %d (%s for %s), attempt %d: %v\n", j.ID, j.Trigger, j.Profile, j.Attempts, cause)
	state, err := s.opts.Store.Retry(ctx, j.ID, s.opts.Jobs.Owner, cause.Error(), s.clock(), s.opts.Jobs.Retry)
	if errors.Is(err, store.ErrLeaseLost) {
		return nil
	}
	if err != nil {
		return err
	}
	if state == store.JobDead {
		s.metrics.jobs.count("dead", 1)
	} else {
		s.metrics.jobs.count("retried", 1)
	}
	return nil
}
