package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strings"
	"time"
)

// putRows is how many profiles one INSERT statement carries: fewer round
// trips, within both databases' limits on parameters.
const putRows = 200

// Put upserts the profiles in one transaction, putRows to a statement.
// A profile given twice ends as the later one.
func (s *sqlStore) Put(ctx context.Context, ps []Profile) error {
	if len(ps) == 0 {
		return nil
	}
	ps = lastOfEach(ps)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for len(ps) > 0 {
			n := min(len(ps), putRows)
			if err := s.putRows(ctx, tx, ps[:n]); err != nil {
				return err
			}
			ps = ps[n:]
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: put: %w", err)
	}
	return nil
}

// lastOfEach keeps the last profile of each ID, in order: one statement
// may not upsert a row twice.
func lastOfEach(ps []Profile) []Profile {
	last := make(map[string]int, len(ps))
	for i, p := range ps {
		last[p.ID] = i
	}
	if len(last) == len(ps) {
		return ps
	}
	out := make([]Profile, 0, len(last))
	for i, p := range ps {
		if last[p.ID] == i {
			out = append(out, p)
		}
	}
	return out
}

// putRows upserts ps with one statement.
func (s *sqlStore) putRows(ctx context.Context, tx *sql.Tx, ps []Profile) error {
	args := make([]any, 0, 6*len(ps))
	for _, p := range ps {
		if p.ID == "" {
			return fmt.Errorf("a profile without an ID")
		}
		email := Normalize(p.Email)
		eh := ""
		if email != "" {
			eh = Hash(email)
		}
		args = append(args, p.ID, email, Hash(p.ID), eh, string(p.Data), p.Updated.UnixMicro())
	}
	rows := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?), ", len(ps)), ", ")
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO profiles (id, email, id_hash, email_hash, data, updated_at) VALUES `+rows+`
		ON CONFLICT (id) DO UPDATE SET email = excluded.email, id_hash = excluded.id_hash, email_hash = excluded.email_hash,
		data = excluded.data, updated_at = excluded.updated_at`), args...)
	return err
}

// Get returns the stored profiles among ids.
func (s *sqlStore) Get(ctx context.Context, ids ...string) (map[string]Profile, error) {
	out := make(map[string]Profile, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if err := s.get(ctx, ids[:n], out); err != nil {
			return nil, fmt.Errorf("store: get: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}

func (s *sqlStore) get(ctx context.Context, ids []string, out map[string]Profile) error {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, email, data, updated_at, FALSE FROM profiles WHERE id IN (`+marks+`)`), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanProfile(rows)
		if err != nil {
			return err
		}
		out[p.ID] = p
	}
	return rows.Err()
}

// scanProfile reads a row of id, email, data, updated_at, suppressed.
func scanProfile(rows *sql.Rows) (Profile, error) {
	var p Profile
	var data string
	var updated int64
	if err := rows.Scan(&p.ID, &p.Email, &data, &updated, &p.Suppressed); err != nil {
		return p, err
	}
	p.Data = []byte(data)
	p.Updated = time.UnixMicro(updated).UTC()
	return p, nil
}

// Profiles streams the profiles f selects in ID order, a page per query
// (keyset pagination), so no transaction or cursor stays open between
// pages and memory holds one page.
func (s *sqlStore) Profiles(ctx context.Context, f Filter) iter.Seq2[Profile, error] {
	page := f.Page
	if page <= 0 {
		page = 500
	}
	query, args := s.pageQuery(f)
	return func(yield func(Profile, error) bool) {
		after := f.After
		for {
			got, err := s.page(ctx, query, append(args, after, page))
			if err != nil {
				yield(Profile{}, fmt.Errorf("store: profiles: %w", err))
				return
			}
			for _, p := range got {
				if !yield(p, nil) {
					return
				}
			}
			if len(got) < page {
				return
			}
			after = got[len(got)-1].ID
		}
	}
}

// pageQuery is the query of one page of f, and its arguments but the
// last two (the ID to start after, the page size).
func (s *sqlStore) pageQuery(f Filter) (string, []any) {
	var args []any
	sup := "FALSE"
	if f.List != "" {
		sup = `EXISTS (SELECT 1 FROM suppressions s WHERE s.hash IN (p.id_hash, p.email_hash) AND s.list IN (?, ?))`
		args = append(args, f.List, AllLists)
	}
	query := `SELECT p.id, p.email, p.data, p.updated_at, ` + sup + ` FROM profiles p`
	if f.Segment != "" {
		query += ` JOIN memberships m ON m.profile_id = p.id AND m.segment = ? AND m.member = TRUE`
		args = append(args, f.Segment)
	}
	return s.q(query + ` WHERE p.id > ? ORDER BY p.id LIMIT ?`), args
}

func (s *sqlStore) page(ctx context.Context, query string, args []any) ([]Profile, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Profile
	for rows.Next() {
		p, err := scanProfile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Forget deletes the profile, its events, memberships, transitions,
// scores and trigger jobs in one transaction.
func (s *sqlStore) Forget(ctx context.Context, id string) (bool, error) {
	var found bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM profiles WHERE id = ?`), id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		found = n > 0
		for _, q := range []string{`DELETE FROM events WHERE profile_id = ?`, `DELETE FROM memberships WHERE profile_id = ?`,
			`DELETE FROM transitions WHERE profile_id = ?`, `DELETE FROM scores WHERE profile_id = ?`,
			`DELETE FROM jobs WHERE profile_id = ?`,
			`DELETE FROM outcomes WHERE recipient = ? OR message_id IN (SELECT message_id FROM sends WHERE recipient = ?)`,
			`DELETE FROM sends WHERE recipient = ?`} {
			args := []any{id}
			if strings.Count(q, "?") == 2 {
				args = append(args, id)
			}
			res, err := tx.ExecContext(ctx, s.q(q), args...)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err == nil && n > 0 {
				found = true
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: forget: %w", err)
	}
	return found, nil
}
