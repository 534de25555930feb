package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// Append stores the event and returns its sequence number.
func (s *sqlStore) Append(ctx context.Context, e Event) (int64, error) {
	var data any
	if len(e.Data) > 0 {
		data = string(e.Data)
	}
	var seq int64
	err := s.db.QueryRowContext(ctx, s.q(`INSERT INTO events (profile_id, name, at, data) VALUES (?, ?, ?, ?) RETURNING seq`),
		e.Profile, e.Name, e.At.UnixMicro(), data).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("store: append event: %w", err)
	}
	return seq, nil
}

// Events lists the profile's events, oldest first.
func (s *sqlStore) Events(ctx context.Context, id string) ([]Event, error) {
	out, err := s.queryEvents(ctx, `SELECT seq, profile_id, name, at, data FROM events WHERE profile_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	return out, nil
}

// SetSegments records the segments id is in at at and returns the
// transitions: a segment entered (new, or a member again) or left.
func (s *sqlStore) SetSegments(ctx context.Context, id string, in []string, at time.Time) ([]Transition, error) {
	var out []Transition
	err := s.tx(ctx, func(tx *sql.Tx) error {
		out = nil
		was, err := s.membership(ctx, tx, id)
		if err != nil {
			return err
		}
		now := map[string]bool{}
		for _, seg := range in {
			now[seg] = true
		}
		for _, seg := range sortedUnion(was, now) {
			old, known := was[seg]
			if known && old == now[seg] || !known && !now[seg] {
				continue
			}
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO memberships (profile_id, segment, member, changed_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (profile_id, segment) DO UPDATE SET member = excluded.member, changed_at = excluded.changed_at`),
				id, seg, now[seg], at.UnixMicro()); err != nil {
				return err
			}
			out = append(out, Transition{Segment: seg, Entered: now[seg]})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: set segments: %w", err)
	}
	return out, nil
}

// membership reads id's stored membership per segment, in tx.
func (s *sqlStore) membership(ctx context.Context, tx *sql.Tx, id string) (map[string]bool, error) {
	lock := ""
	if s.d.dollar {
		lock = " FOR UPDATE"
	}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT segment, member FROM memberships WHERE profile_id = ?`+lock), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	was := map[string]bool{}
	for rows.Next() {
		var seg string
		var member bool
		if err := rows.Scan(&seg, &member); err != nil {
			return nil, err
		}
		was[seg] = member
	}
	return was, rows.Err()
}

func sortedUnion(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		out = append(out, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// Segments lists id's membership, by segment name.
func (s *sqlStore) Segments(ctx context.Context, id string) ([]Membership, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT segment, member, changed_at FROM memberships WHERE profile_id = ? ORDER BY segment`), id)
	if err != nil {
		return nil, fmt.Errorf("store: segments: %w", err)
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		var m Membership
		var at int64
		if err := rows.Scan(&m.Segment, &m.Member, &at); err != nil {
			return nil, fmt.Errorf("store: segments: %w", err)
		}
		m.Changed = time.UnixMicro(at).UTC()
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: segments: %w", err)
	}
	return out, nil
}
