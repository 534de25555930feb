package store

import (
	"context"
	"errors"
	"time"
)

// Jobs keeps the scheduled emails of triggers (package trigger): a job is
// scheduled once per key, claimed by one runner at a time under a lease,
// and ends done, cancelled or dead (after too many failed attempts).
// Several processes on one PostgreSQL claim with FOR UPDATE SKIP LOCKED;
// SQLite's single writer claims in one statement.
type Jobs interface {
	// Schedule adds the jobs that are new and returns them with their IDs.
	// A job whose Key is stored already is skipped (the same transition
	// never schedules twice), and so is one with OncePer set when a job of
	// its trigger for its profile is pending, running, or done with a due
	// time less than OncePer before its own.
	Schedule(ctx context.Context, jobs []Job) ([]Job, error)
	// CancelJobs cancels the pending jobs of trigger for profile, noting
	// why, and returns how many.
	CancelJobs(ctx context.Context, profile, trigger, note string, at time.Time) (int, error)
	// Claim takes up to limit jobs due at now (pending with a due time not
	// after now, or running with a lease that ended), earliest first, for
	// owner until now+lease, and counts an attempt on each.
	Claim(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]Job, error)
	// Finish ends a job owner holds as done or cancelled, with a note. It
	// returns ErrLeaseLost when owner no longer holds it.
	Finish(ctx context.Context, id int64, owner string, state JobState, note string, at time.Time) error
	// Retry puts a failed job owner holds back to pending after the
	// policy's backoff, or makes it dead when it has had the policy's
	// attempts; it returns the state it is in.
	Retry(ctx context.Context, id int64, owner, note string, at time.Time, p RetryPolicy) (JobState, error)
	// ListJobs lists jobs by ID.
	ListJobs(ctx context.Context, f JobFilter) ([]Job, error)
}

// Job is one email a trigger scheduled for one recipient.
type Job struct {
	ID       int64
	Key      string // unique: the trigger, the recipient and the transition
	Trigger  string
	Profile  string // the recipient ID
	Email    string // the email to render
	Due      time.Time
	State    JobState
	Attempts int    // claims so far
	Owner    string // the runner that claimed it last
	Lease    time.Time
	Note     string // why it was cancelled, the last failure
	Created  time.Time
	Updated  time.Time
	// OncePer, given to Schedule, skips the job when its trigger had one
	// for the recipient within it (see Jobs.Schedule); not stored.
	OncePer time.Duration
}

// JobState is where a job is in its life.
type JobState string

// The job states.
const (
	JobPending   JobState = "pending"
	JobRunning   JobState = "running"
	JobDone      JobState = "done"
	JobCancelled JobState = "cancelled"
	JobDead      JobState = "dead"
)

// JobStates are the states, in the order of a job's life.
var JobStates = []JobState{JobPending, JobRunning, JobDone, JobCancelled, JobDead}

// JobFilter selects the jobs of ListJobs.
type JobFilter struct {
	State   JobState // "" for every state
	Profile string   // "" for every recipient
	After   int64    // IDs above this one
	Limit   int      // zero means 500
}

// RetryPolicy is how failed deliveries are retried.
type RetryPolicy struct {
	Attempts int           // a job is dead after this many; zero means 5
	Base     time.Duration // the first backoff, doubled each attempt; zero means 1m
	Max      time.Duration // the longest backoff; zero means 1h
}

// Backoff is the wait after the attempt-th failed attempt (1 for the
// first): Base doubled attempt-1 times, at most Max.
func (p RetryPolicy) Backoff(attempt int) time.Duration {
	p = p.withDefaults()
	d := p.Base
	for i := 1; i < attempt && d < p.Max; i++ {
		d *= 2
	}
	return min(d, p.Max)
}

// Limit is the attempts after which a job is dead: Attempts, or its
// default.
func (p RetryPolicy) Limit() int { return p.withDefaults().Attempts }

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Attempts <= 0 {
		p.Attempts = 5
	}
	if p.Base <= 0 {
		p.Base = time.Minute
	}
	if p.Max <= 0 {
		p.Max = time.Hour
	}
	return p
}

// ErrLeaseLost is returned for a job its runner no longer holds: its lease
// ended and another runner claimed it, or it was ended already.
var ErrLeaseLost = errors.New("store: job lease lost")
