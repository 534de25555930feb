package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// jobColumns are the columns scanJob reads, in order.
const jobColumns = `id, job_key, trigger_name, profile_id, email, due_at, state, attempts, owner, lease_until, note, created_at, updated_at`

// Schedule inserts the new jobs in one transaction.
func (s *sqlStore) Schedule(ctx context.Context, jobs []Job) ([]Job, error) {
	var out []Job
	err := s.tx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		for _, j := range jobs {
			skip, err := s.onceSkips(ctx, tx, j)
			if err != nil {
				return err
			}
			if skip {
				continue
			}
			now := j.Created
			if now.IsZero() {
				now = time.Now()
			}
			row := tx.QueryRowContext(ctx, s.q(`INSERT INTO jobs (job_key, trigger_name, profile_id, email, due_at, state, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_key) DO NOTHING RETURNING `+jobColumns),
				j.Key, j.Trigger, j.Profile, j.Email, j.Due.UnixMicro(), JobPending, now.UnixMicro(), now.UnixMicro())
			got, err := scanJob(row)
			if err == sql.ErrNoRows {
				continue
			}
			if err != nil {
				return err
			}
			out = append(out, got)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: schedule: %w", err)
	}
	return out, nil
}

// onceSkips reports whether j's trigger has a job for its profile within
// j.OncePer (see Jobs.Schedule).
func (s *sqlStore) onceSkips(ctx context.Context, tx *sql.Tx, j Job) (bool, error) {
	if j.OncePer <= 0 {
		return false, nil
	}
	if s.d.dollar { // concurrent schedulers of one recipient and trigger take turns; SQLite's one writer does
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, "jobs:"+j.Trigger+"\x1f"+j.Profile); err != nil {
			return false, err
		}
	}
	var n int
	err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM jobs WHERE profile_id = ? AND trigger_name = ?
		AND (state IN (?, ?) OR state = ? AND due_at > ?)`),
		j.Profile, j.Trigger, JobPending, JobRunning, JobDone, j.Due.Add(-j.OncePer).UnixMicro()).Scan(&n)
	return n > 0, err
}

// CancelJobs cancels profile's pending jobs of trigger.
func (s *sqlStore) CancelJobs(ctx context.Context, profile, trigger, note string, at time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE jobs SET state = ?, note = ?, updated_at = ? WHERE profile_id = ? AND trigger_name = ? AND state = ?`),
		JobCancelled, note, at.UnixMicro(), profile, trigger, JobPending)
	if err != nil {
		return 0, fmt.Errorf("store: cancel jobs: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: cancel jobs: %w", err)
	}
	return int(n), nil
}

// Claim takes due jobs in one statement: PostgreSQL skips the rows another
// claimer has locked; SQLite runs it as the one writer.
func (s *sqlStore) Claim(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]Job, error) {
	if limit <= 0 {
		limit = 1
	}
	skipLocked := ""
	if s.d.dollar {
		skipLocked = " FOR UPDATE SKIP LOCKED"
	}
	t := now.UnixMicro()
	rows, err := s.db.QueryContext(ctx, s.q(`UPDATE jobs SET state = ?, owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
		WHERE id IN (SELECT id FROM jobs WHERE state = ? AND due_at <= ? OR state = ? AND lease_until <= ?
			ORDER BY due_at, id LIMIT ?`+skipLocked+`)
		RETURNING `+jobColumns),
		JobRunning, owner, now.Add(lease).UnixMicro(), t, JobPending, t, JobRunning, t, limit)
	if err != nil {
		return nil, fmt.Errorf("store: claim jobs: %w", err)
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, fmt.Errorf("store: claim jobs: %w", err)
		}
		out = append(out, j)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: claim jobs: %w", err)
	}
	slices.SortFunc(out, func(a, b Job) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

// Finish ends a running job owner holds.
func (s *sqlStore) Finish(ctx context.Context, id int64, owner string, state JobState, note string, at time.Time) error {
	if state != JobDone && state != JobCancelled {
		return fmt.Errorf("store: finish job %d: %q is not an end state", id, state)
	}
	return s.setHeld(ctx, "finish", id, owner, state, note, 0, at)
}

// Retry puts a failed job back, or ends it dead.
func (s *sqlStore) Retry(ctx context.Context, id int64, owner, note string, at time.Time, p RetryPolicy) (JobState, error) {
	p = p.withDefaults()
	var attempts int
	err := s.db.QueryRowContext(ctx, s.q(`SELECT attempts FROM jobs WHERE id = ? AND owner = ? AND state = ?`), id, owner, JobRunning).Scan(&attempts)
	if err == sql.ErrNoRows {
		return "", fmt.Errorf("store: retry job %d: %w", id, ErrLeaseLost)
	}
	if err != nil {
		return "", fmt.Errorf("store: retry job %d: %w", id, err)
	}
	if attempts >= p.Attempts {
		return JobDead, s.setHeld(ctx, "retry", id, owner, JobDead, note, 0, at)
	}
	due := at.Add(p.Backoff(attempts)).UnixMicro()
	return JobPending, s.setHeld(ctx, "retry", id, owner, JobPending, note, due, at)
}

// setHeld moves a running job owner holds to state (and due, when not
// zero).
func (s *sqlStore) setHeld(ctx context.Context, op string, id int64, owner string, state JobState, note string, due int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE jobs SET state = ?, note = ?, updated_at = ?, lease_until = 0,
		due_at = CASE WHEN CAST(? AS BIGINT) > 0 THEN CAST(? AS BIGINT) ELSE due_at END
		WHERE id = ? AND owner = ? AND state = ?`),
		state, note, at.UnixMicro(), due, due, id, owner, JobRunning)
	if err != nil {
		return fmt.Errorf("store: %s job %d: %w", op, id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %s job %d: %w", op, id, err)
	}
	if n == 0 {
		return fmt.Errorf("store: %s job %d: %w", op, id, ErrLeaseLost)
	}
	return nil
}

// ListJobs lists the jobs f selects, by ID.
func (s *sqlStore) ListJobs(ctx context.Context, f JobFilter) ([]Job, error) {
	if f.Limit <= 0 {
		f.Limit = 500
	}
	out, err := s.queryJobs(ctx, `SELECT `+jobColumns+` FROM jobs
		WHERE id > ? AND (? = '' OR state = ?) AND (? = '' OR profile_id = ?) ORDER BY id LIMIT ?`,
		f.After, string(f.State), string(f.State), f.Profile, f.Profile, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("store: list jobs: %w", err)
	}
	return out, nil
}

// scanJob reads one row of jobColumns.
func scanJob(row interface{ Scan(...any) error }) (Job, error) {
	var j Job
	var state string
	var due, lease, created, updated int64
	if err := row.Scan(&j.ID, &j.Key, &j.Trigger, &j.Profile, &j.Email, &due, &state, &j.Attempts, &j.Owner, &lease, &j.Note, &created, &updated); err != nil {
		return Job{}, err
	}
	j.State = JobState(state)
	j.Due, j.Created, j.Updated = time.UnixMicro(due).UTC(), time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	if lease != 0 {
		j.Lease = time.UnixMicro(lease).UTC()
	}
	return j, nil
}

// jobsMigration is version 3: the jobs of triggers, unique by key, found
// due by state and time and per recipient and trigger.
func jobsMigration() migration {
	return migration{3, []string{
		`CREATE TABLE jobs (
			id {{seq}},
			job_key TEXT NOT NULL UNIQUE,
			trigger_name TEXT NOT NULL,
			profile_id TEXT NOT NULL,
			email TEXT NOT NULL,
			due_at BIGINT NOT NULL,
			state TEXT NOT NULL,
			attempts INTEGER NOT NULL DEFAULT 0,
			owner TEXT NOT NULL DEFAULT '',
			lease_until BIGINT NOT NULL DEFAULT 0,
			note TEXT NOT NULL DEFAULT '',
			created_at BIGINT NOT NULL,
			updated_at BIGINT NOT NULL)`,
		`CREATE INDEX jobs_due ON jobs (state, due_at)`,
		`CREATE INDEX jobs_profile ON jobs (profile_id, trigger_name, state)`,
	}}
}
