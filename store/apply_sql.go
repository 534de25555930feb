package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Apply runs fn on id's stored state and writes its update, in one
// transaction. SQLite's transactions take the write lock when they begin
// (BEGIN IMMEDIATE); PostgreSQL's take an advisory lock on the ID first,
// which also covers a profile not stored yet.
func (s *sqlStore) Apply(ctx context.Context, id string, at time.Time, fn ApplyFunc) (Applied, error) {
	defer s.queue()()
	var out Applied
	err := s.tx(ctx, func(tx *sql.Tx) error {
		out = Applied{}
		if s.d.dollar {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(20, hashtext($1))`, id); err != nil {
				return err
			}
		}
		cur, err := s.current(ctx, tx, id)
		if err != nil {
			return err
		}
		u, err := fn(cur)
		if err != nil {
			return err
		}
		out, err = s.write(ctx, tx, id, at, cur, u)
		return err
	})
	if err != nil {
		return Applied{}, fmt.Errorf("store: apply %s: %w", id, err)
	}
	return out, nil
}

// queue waits for this process's earlier Apply transactions on SQLite
// and returns the function that lets the next one go. SQLite has one
// writer; a transaction that waits for it inside the database polls, so
// that under load some wait far longer than others. In the queue they
// take turns. Nothing on PostgreSQL.
func (s *sqlStore) queue() func() {
	if s.d.dollar {
		return func() {}
	}
	s.writers.Lock()
	return s.writers.Unlock
}

// current reads id's profile, membership and tiers in tx.
func (s *sqlStore) current(ctx context.Context, tx *sql.Tx, id string) (Current, error) {
	cur := Current{Tiers: map[string]string{}}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT id, email, data, updated_at, FALSE FROM profiles WHERE id = ?`), id)
	if err != nil {
		return cur, err
	}
	for rows.Next() {
		if cur.Profile, err = scanProfile(rows); err != nil {
			rows.Close()
			return cur, err
		}
		cur.Found = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return cur, err
	}
	if cur.Segments, err = s.membership(ctx, tx, id); err != nil {
		return cur, err
	}
	trows, err := tx.QueryContext(ctx, s.q(`SELECT score, tier FROM scores WHERE profile_id = ?`), id)
	if err != nil {
		return cur, err
	}
	defer trows.Close()
	for trows.Next() {
		var score, tier string
		if err := trows.Scan(&score, &tier); err != nil {
			return cur, err
		}
		cur.Tiers[score] = tier
	}
	return cur, trows.Err()
}

// write stores u over cur and records its transitions.
func (s *sqlStore) write(ctx context.Context, tx *sql.Tx, id string, at time.Time, cur Current, u Update) (Applied, error) {
	var out Applied
	if u.Profile != nil {
		p := *u.Profile
		p.ID = id
		if !cur.Found || string(cur.Profile.Data) != string(p.Data) || Normalize(cur.Profile.Email) != Normalize(p.Email) {
			if err := s.putRows(ctx, tx, []Profile{p}); err != nil {
				return out, err
			}
			out.Wrote = true
		}
	}
	cause := u.Cause
	if e := u.Event; e != nil {
		ev := *e
		ev.Profile = id
		seq, err := s.appendTx(ctx, tx, ev)
		if err != nil {
			return out, err
		}
		out.Seq, out.Wrote = seq, true
		cause = e.Name + "#" + strconv.FormatInt(seq, 10)
	}
	ts := segmentChanges(cur.Segments, u.Segments)
	for _, t := range ts {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO memberships (profile_id, segment, member, changed_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (profile_id, segment) DO UPDATE SET member = excluded.member, changed_at = excluded.changed_at`),
			id, t.Segment, t.Entered, at.UnixMicro()); err != nil {
			return out, err
		}
	}
	tiers, err := s.writeScores(ctx, tx, id, at, cur, u)
	if err != nil {
		return out, err
	}
	ts = append(ts, tiers...)
	for i := range ts {
		ts[i].At, ts[i].Cause, ts[i].Event = at.UTC(), cause, out.Seq
		if ts[i].Seq, err = s.record(ctx, tx, id, ts[i]); err != nil {
			return out, err
		}
		out.Wrote = true
	}
	out.Transitions = ts
	return out, nil
}

// segmentChanges are the transitions from was to now, by segment name:
// a segment entered (new, or a member again) or left. A segment never
// entered and not entered now makes none; nil now makes none.
func segmentChanges(was, now map[string]bool) []Transition {
	var out []Transition
	for _, seg := range sortedUnion(was, now) {
		in, ok := now[seg]
		if !ok {
			continue // not evaluated: left as it is
		}
		old, known := was[seg]
		if known && old == in || !known && !in {
			continue
		}
		out = append(out, Transition{Segment: seg, Entered: in})
	}
	return out
}

// writeScores stores the points and tiers that changed and returns the
// tier changes, by score name.
func (s *sqlStore) writeScores(ctx context.Context, tx *sql.Tx, id string, at time.Time, cur Current, u Update) ([]Transition, error) {
	if u.Scores == nil && u.Tiers == nil {
		return nil, nil
	}
	points, err := s.points(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(u.Scores))
	for name := range u.Scores {
		names = append(names, name)
	}
	for name := range u.Tiers {
		if _, ok := u.Scores[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var out []Transition
	for _, name := range names {
		tier, n := u.Tiers[name], u.Scores[name]
		old, known := cur.Tiers[name]
		p, hadPoints := points[name]
		changed := tier != old
		if known && !changed && hadPoints && p == n {
			continue
		}
		if changed && (known || tier != "") {
			out = append(out, Transition{Score: name, From: old, To: tier})
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO scores (profile_id, score, points, tier, changed_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (profile_id, score) DO UPDATE SET points = excluded.points, tier = excluded.tier,
			changed_at = CASE WHEN scores.tier = excluded.tier THEN scores.changed_at ELSE excluded.changed_at END`),
			id, name, n, tier, at.UnixMicro()); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// points reads id's stored points per score in tx.
func (s *sqlStore) points(ctx context.Context, tx *sql.Tx, id string) (map[string]int, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT score, points FROM scores WHERE profile_id = ?`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return nil, err
		}
		out[name] = n
	}
	return out, rows.Err()
}

// appendTx appends e in tx and returns its sequence number.
func (s *sqlStore) appendTx(ctx context.Context, tx *sql.Tx, e Event) (int64, error) {
	var data any
	if len(e.Data) > 0 {
		data = string(e.Data)
	}
	var seq int64
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO events (profile_id, name, at, data) VALUES (?, ?, ?, ?) RETURNING seq`),
		e.Profile, e.Name, e.At.UnixMicro(), data).Scan(&seq)
	return seq, err
}

// record inserts one transition of id in tx and returns its number.
func (s *sqlStore) record(ctx context.Context, tx *sql.Tx, id string, t Transition) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO transitions (profile_id, at, cause, event_seq, segment, entered, score, from_tier, to_tier)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`),
		id, t.At.UnixMicro(), t.Cause, t.Event, t.Segment, t.Entered, t.Score, t.From, t.To).Scan(&seq)
	return seq, err
}

// transitionsMigration is schema version 2: the transitions Apply records
// and the scores and tiers it keeps.
func transitionsMigration() migration {
	return migration{2, []string{
		`CREATE TABLE transitions (
			seq {{seq}},
			profile_id TEXT NOT NULL,
			at BIGINT NOT NULL,
			cause TEXT NOT NULL,
			event_seq BIGINT NOT NULL,
			segment TEXT NOT NULL,
			entered BOOLEAN NOT NULL,
			score TEXT NOT NULL,
			from_tier TEXT NOT NULL,
			to_tier TEXT NOT NULL)`,
		`CREATE INDEX transitions_profile ON transitions (profile_id, seq)`,
		`CREATE TABLE scores (
			profile_id TEXT NOT NULL,
			score TEXT NOT NULL,
			points BIGINT NOT NULL,
			tier TEXT NOT NULL,
			changed_at BIGINT NOT NULL,
			PRIMARY KEY (profile_id, score))`,
	}}
}
