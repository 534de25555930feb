package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
)

// sqlStore is Store over database/sql, for both dialects.
type sqlStore struct {
	db *sql.DB
	d  dialect
	// writers queues this process's Apply transactions on SQLite, whose
	// single writer lock is otherwise won by polling (apply_sql.go).
	writers sync.Mutex
}

// q is query in the store's dialect.
func (s *sqlStore) q(query string) string { return s.d.rebind(query) }

// tx runs fn in a transaction, committed when fn returns nil.
func (s *sqlStore) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// Close closes the database.
func (s *sqlStore) Close() error { return s.db.Close() }

// Secret returns the named key, making it on first use; concurrent first
// uses agree on one (the insert that loses does nothing).
func (s *sqlStore) Secret(ctx context.Context, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("store: secret: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, s.q(`INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`), name, hex.EncodeToString(fresh)); err != nil {
		return nil, fmt.Errorf("store: secret: %w", err)
	}
	var v string
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT value FROM secrets WHERE name = ?`), name).Scan(&v); err != nil {
		return nil, fmt.Errorf("store: secret: %w", err)
	}
	key, err := hex.DecodeString(v)
	if err != nil {
		return nil, fmt.Errorf("store: secret %s: %w", name, err)
	}
	return key, nil
}
