package store

import (
	"context"
	"fmt"
	"time"
)

// History lists id's transitions, newest first, at most limit (all when
// limit <= 0).
func (s *sqlStore) History(ctx context.Context, id string, limit int) ([]Transition, error) {
	query := `SELECT seq, at, cause, event_seq, segment, entered, score, from_tier, to_tier FROM transitions WHERE profile_id = ? ORDER BY seq DESC`
	args := []any{id}
	if limit > 0 {
		query += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	defer rows.Close()
	var out []Transition
	for rows.Next() {
		var t Transition
		var at int64
		if err := rows.Scan(&t.Seq, &at, &t.Cause, &t.Event, &t.Segment, &t.Entered, &t.Score, &t.From, &t.To); err != nil {
			return nil, fmt.Errorf("store: history: %w", err)
		}
		t.At = time.UnixMicro(at).UTC()
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	return out, nil
}

// Scores lists id's stored points and tiers, by score name.
func (s *sqlStore) Scores(ctx context.Context, id string) ([]ScoreState, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT score, points, tier, changed_at FROM scores WHERE profile_id = ? ORDER BY score`), id)
	if err != nil {
		return nil, fmt.Errorf("store: scores: %w", err)
	}
	defer rows.Close()
	var out []ScoreState
	for rows.Next() {
		var sc ScoreState
		var at int64
		if err := rows.Scan(&sc.Score, &sc.Points, &sc.Tier, &at); err != nil {
			return nil, fmt.Errorf("store: scores: %w", err)
		}
		sc.Changed = time.UnixMicro(at).UTC()
		out = append(out, sc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: scores: %w", err)
	}
	return out, nil
}
