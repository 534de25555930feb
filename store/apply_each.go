package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// ApplyEach runs items in one transaction, a savepoint each. On
// PostgreSQL the advisory locks of every ID are taken first, in ID
// order, so that two batches never wait for each other in a cycle.
func (s *sqlStore) ApplyEach(ctx context.Context, items []Item) ([]Applied, []error, error) {
	defer s.queue()()
	var out []Applied
	var errs []error
	err := s.tx(ctx, func(tx *sql.Tx) error {
		out, errs = make([]Applied, len(items)), make([]error, len(items))
		if err := s.lockAll(ctx, tx, items); err != nil {
			return err
		}
		for i, it := range items {
			applied, err := s.applyOne(ctx, tx, it)
			if err != nil {
				errs[i] = fmt.Errorf("store: apply %s: %w", it.ID, err)
				continue
			}
			out[i] = applied
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: apply each: %w", err)
	}
	return out, errs, nil
}

// lockAll takes the advisory lock of every item's ID, in ID order
// (PostgreSQL; SQLite's transaction holds the writer lock already).
func (s *sqlStore) lockAll(ctx context.Context, tx *sql.Tx, items []Item) error {
	if !s.d.dollar {
		return nil
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(20, hashtext($1))`, id); err != nil {
			return err
		}
	}
	return nil
}

// applyOne runs one item inside a savepoint, rolled back to when it
// fails.
func (s *sqlStore) applyOne(ctx context.Context, tx *sql.Tx, it Item) (Applied, error) {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT apply_item`); err != nil {
		return Applied{}, err
	}
	cur, err := s.current(ctx, tx, it.ID)
	var u Update
	if err == nil {
		u, err = it.Fn(cur)
	}
	var out Applied
	if err == nil {
		out, err = s.write(ctx, tx, it.ID, it.At, cur, u)
	}
	if err != nil {
		_, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT apply_item`)
		return Applied{}, errors.Join(err, rerr)
	}
	_, err = tx.ExecContext(ctx, `RELEASE SAVEPOINT apply_item`)
	return out, err
}
