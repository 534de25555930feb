package store

import (
	"context"
	"fmt"
)

// Suppress stores the suppression by the hash of its Who.
func (s *sqlStore) Suppress(ctx context.Context, sp Suppression) error {
	list := sp.List
	if list == "" {
		list = AllLists
	}
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO suppressions (hash, list, reason, at) VALUES (?, ?, ?, ?)
		ON CONFLICT (hash, list) DO UPDATE SET reason = excluded.reason, at = excluded.at`),
		Hash(sp.Who), list, sp.Reason, sp.At.UnixMicro())
	if err != nil {
		return fmt.Errorf("store: suppress: %w", err)
	}
	return nil
}

// Unsuppress removes the suppression of who on list.
func (s *sqlStore) Unsuppress(ctx context.Context, who, list string) (bool, error) {
	if list == "" {
		list = AllLists
	}
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM suppressions WHERE hash = ? AND list = ?`), Hash(who), list)
	if err != nil {
		return false, fmt.Errorf("store: unsuppress: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: unsuppress: %w", err)
	}
	return n > 0, nil
}

// Suppressed says whether who is suppressed on list or on every list.
func (s *sqlStore) Suppressed(ctx context.Context, who, list string) (bool, error) {
	if list == "" {
		list = AllLists
	}
	var n int
	err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM suppressions WHERE hash = ? AND list IN (?, ?)`), Hash(who), list, AllLists).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: suppressed: %w", err)
	}
	return n > 0, nil
}
