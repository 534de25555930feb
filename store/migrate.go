package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migration is one version of the store's tables: its statements, in the
// SQL both databases take, with {{json}} and {{seq}} spelled per dialect.
type migration struct {
	version int
	stmts   []string
}

// migrations are the store's schema versions, in order. A released one
// never changes; a change is a new version.
var migrations = []migration{
	{1, []string{
		`CREATE TABLE profiles (
			id TEXT PRIMARY KEY,
			email TEXT NOT NULL DEFAULT '',
			id_hash TEXT NOT NULL,
			email_hash TEXT NOT NULL,
			data {{json}} NOT NULL,
			updated_at BIGINT NOT NULL)`,
		`CREATE INDEX profiles_email ON profiles (email)`,
		`CREATE INDEX profiles_updated ON profiles (updated_at)`,
		`CREATE TABLE events (
			seq {{seq}},
			profile_id TEXT NOT NULL,
			name TEXT NOT NULL,
			at BIGINT NOT NULL,
			data {{json}})`,
		`CREATE INDEX events_profile ON events (profile_id, seq)`,
		`CREATE TABLE memberships (
			profile_id TEXT NOT NULL,
			segment TEXT NOT NULL,
			member BOOLEAN NOT NULL,
			changed_at BIGINT NOT NULL,
			PRIMARY KEY (profile_id, segment))`,
		`CREATE INDEX memberships_segment ON memberships (segment, member, profile_id)`,
		`CREATE TABLE suppressions (
			hash TEXT NOT NULL,
			list TEXT NOT NULL,
			reason TEXT NOT NULL,
			at BIGINT NOT NULL,
			PRIMARY KEY (hash, list))`,
		`CREATE TABLE secrets (
			name TEXT PRIMARY KEY,
			value TEXT NOT NULL)`,
	}},
	transitionsMigration(), // apply_sql.go, #20
	sendsMigration(),       // sendlog.go, #21
	jobsMigration(),        // jobs_sql.go, #20 triggers
}

// migrate brings the database to the last version, one transaction per
// version, each recorded in schema_migrations. lock, when not nil, runs
// first in each transaction so that concurrent openers take turns.
func (s *sqlStore) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrations table: %w", err)
	}
	for _, m := range migrations {
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("store: migration %d: %w", m.version, err)
		}
	}
	return nil
}

// apply runs one migration unless it has run.
func (s *sqlStore) apply(ctx context.Context, m migration) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if s.d.lock != "" {
			if _, err := tx.ExecContext(ctx, s.d.lock); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), m.version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		for _, stmt := range m.stmts {
			if _, err := tx.ExecContext(ctx, s.d.ddl(stmt)); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`), m.version, time.Now().UnixMicro())
		return err
	})
}

// Version is the last migration applied.
func (s *sqlStore) Version(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: version: %w", err)
	}
	return int(v.Int64), nil
}

// Latest is the schema version this build of tailor migrates to: the
// highest, whatever the order the entries were added in.
func Latest() int {
	v := 0
	for _, m := range migrations {
		v = max(v, m.version)
	}
	return v
}
