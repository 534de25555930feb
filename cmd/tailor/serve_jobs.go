package main

import (
	"context"
	"flag"
	"sync"
	"time"

	"github.com/tailor-email/tailor/serve"
	"github.com/tailor-email/tailor/store"
)

// jobFlags are tailor serve's flags for the runner of the triggers' jobs.
type jobFlags struct {
	poll, lease, backoff *time.Duration
	attempts             *int
}

// serveJobFlags adds --job-poll, --job-lease, --job-attempts and
// --job-backoff to set.
func serveJobFlags(set *flag.FlagSet) jobFlags {
	return jobFlags{
		poll:     set.Duration("job-poll", time.Second, "with a store: how often to look for due trigger jobs (`DURATION`)"),
		lease:    set.Duration("job-lease", 5*time.Minute, "with a store: how long a claimed job is this server's (`DURATION`); a job whose server died is run again after it"),
		attempts: set.Int("job-attempts", 5, "with a store: failed deliveries of a job before it is dead (`N`)"),
		backoff:  set.Duration("job-backoff", time.Minute, "with a store: the wait after a job's first failed delivery (`DURATION`), doubled after each, at most 1h"),
	}
}

func (f jobFlags) options() serve.JobOptions {
	return serve.JobOptions{Poll: *f.poll, Lease: *f.lease,
		Retry: store.RetryPolicy{Attempts: *f.attempts, Base: *f.backoff, Max: max(*f.backoff, time.Hour)}}
}

// withJobs runs srv's workspace watcher and, with a store, its job runner,
// until ctx ends; it returns when both have.
func withJobs(srv *serve.Server) func(context.Context) error {
	return func(ctx context.Context) error {
		ctx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		wg.Go(func() { srv.RunJobs(ctx) })
		err := srv.Run(ctx)
		cancel()
		wg.Wait()
		return err
	}
}
