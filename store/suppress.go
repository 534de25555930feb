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

// suppressedAny is Suppressed for several hashes in one query.
func (s *sqlStore) suppressedAny(ctx context.Context, list string, hashes []string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM suppressions WHERE hash IN (?, ?) AND list IN (?, ?)`),
		hashes[0], hashes[1], list, AllLists).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: suppressed: %w", err)
	}
	return n > 0, nil
}

// RecipientSuppressed says whether a recipient is suppressed on list (or
// on every list) by their ID or by their address; an empty one is not
// looked up. Against this package's stores it asks once for both.
func RecipientSuppressed(ctx context.Context, s Store, list, id, email string) (bool, error) {
	if list == "" {
		list = AllLists
	}
	if ss, ok := s.(*sqlStore); ok && id != "" && email != "" {
		return ss.suppressedAny(ctx, list, []string{Hash(id), Hash(email)})
	}
	for _, who := range []string{id, email} {
		if who == "" {
			continue
		}
		if sup, err := s.Suppressed(ctx, who, list); err != nil || sup {
			return sup, err
		}
	}
	return false, nil
}
