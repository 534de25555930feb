package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Recent reads one recipient's latest activity, newest first and at most
// a limit of each, for a timeline (the preview's): what a query reads is
// bounded however long the recipient's history. Store embeds it.
type Recent interface {
	// ProfilesByEmail returns the profiles stored with the address email
	// (compared normalized), by ID, at most limit.
	ProfilesByEmail(ctx context.Context, email string, limit int) ([]Profile, error)
	// RecentEvents lists id's latest events, newest first, at most limit.
	RecentEvents(ctx context.Context, id string, limit int) ([]Event, error)
	// RecentJobs lists the latest jobs of triggers for id (by when they
	// were scheduled), newest first, at most limit, in every state.
	RecentJobs(ctx context.Context, id string, limit int) ([]Job, error)
	// SendsTo lists the latest sends to recipient, newest first, at most
	// limit, each with its outcomes oldest first.
	SendsTo(ctx context.Context, recipient string, limit int) ([]SendWithOutcomes, error)
}

// clampLimit keeps a limit between 1 and 1000.
func clampLimit(limit int) int { return min(max(limit, 1), 1000) }

// ProfilesByEmail returns the profiles with the address email, by ID.
func (s *sqlStore) ProfilesByEmail(ctx context.Context, email string, limit int) ([]Profile, error) {
	got, err := s.page(ctx, s.q(`SELECT id, email, data, updated_at, FALSE FROM profiles WHERE email = ? ORDER BY id LIMIT ?`),
		[]any{Normalize(email), clampLimit(limit)})
	if err != nil {
		return nil, fmt.Errorf("store: profiles by email: %w", err)
	}
	return got, nil
}

// RecentEvents lists id's latest events, newest first.
func (s *sqlStore) RecentEvents(ctx context.Context, id string, limit int) ([]Event, error) {
	out, err := s.queryEvents(ctx, `SELECT seq, profile_id, name, at, data FROM events WHERE profile_id = ? ORDER BY seq DESC LIMIT ?`,
		id, clampLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: recent events: %w", err)
	}
	return out, nil
}

// queryEvents runs query and reads its rows of seq, profile_id, name,
// at, data.
func (s *sqlStore) queryEvents(ctx context.Context, query string, args ...any) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at int64
		var data sql.NullString
		if err := rows.Scan(&e.Seq, &e.Profile, &e.Name, &at, &data); err != nil {
			return nil, err
		}
		e.At = time.UnixMicro(at).UTC()
		if data.Valid {
			e.Data = []byte(data.String)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// RecentJobs lists id's latest jobs, newest first.
func (s *sqlStore) RecentJobs(ctx context.Context, id string, limit int) ([]Job, error) {
	out, err := s.queryJobs(ctx, `SELECT `+jobColumns+` FROM jobs WHERE profile_id = ? ORDER BY id DESC LIMIT ?`, id, clampLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: recent jobs: %w", err)
	}
	return out, nil
}

// queryJobs runs query and reads its rows of jobColumns.
func (s *sqlStore) queryJobs(ctx context.Context, query string, args ...any) ([]Job, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// SendsTo lists the latest sends to recipient with their outcomes.
func (s *sqlStore) SendsTo(ctx context.Context, recipient string, limit int) ([]SendWithOutcomes, error) {
	sends, err := s.querySends(ctx, `SELECT `+sendColumns+` FROM sends WHERE recipient = ? ORDER BY at DESC, message_id DESC LIMIT ?`,
		recipient, clampLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: sends to: %w", err)
	}
	out, err := s.withOutcomes(ctx, sends)
	if err != nil {
		return nil, fmt.Errorf("store: sends to: %w", err)
	}
	return out, nil
}

// withOutcomes joins sends with their outcomes, oldest first.
func (s *sqlStore) withOutcomes(ctx context.Context, sends []Send) ([]SendWithOutcomes, error) {
	if len(sends) == 0 {
		return nil, nil
	}
	out := make([]SendWithOutcomes, len(sends))
	index := make(map[string]int, len(sends))
	ids := make([]string, len(sends))
	for i, sd := range sends {
		out[i].Send, index[sd.MessageID], ids[i] = sd, i, sd.MessageID
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT message_id, recipient, kind, at, machine, url, source, value FROM outcomes
		WHERE message_id IN (`+marks(len(ids))+`) ORDER BY at, dedup_key`), anys(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var o Outcome
		var at int64
		if err := rows.Scan(&o.MessageID, &o.Recipient, &o.Kind, &at, &o.Machine, &o.URL, &o.Source, &o.Value); err != nil {
			return nil, err
		}
		o.At = time.UnixMicro(at).UTC()
		sw := &out[index[o.MessageID]]
		if o.Recipient == "" {
			o.Recipient = sw.Recipient
		}
		sw.Outcomes = append(sw.Outcomes, o)
	}
	return out, rows.Err()
}
