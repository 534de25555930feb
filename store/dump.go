package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Dumper is implemented by both stores: it reads every row of every
// table, for tests that check what a store keeps (forget leaves nothing).
type Dumper interface {
	// Dump calls fn with each row of each table, every value as text.
	Dump(ctx context.Context, fn func(table string, row []string) error) error
}

// Dump reads every row of every table of the store's database.
func (s *sqlStore) Dump(ctx context.Context, fn func(table string, row []string) error) error {
	list := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if s.d.dollar {
		list = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	tables, err := s.strings(ctx, list)
	if err != nil {
		return fmt.Errorf("store: dump: %w", err)
	}
	for _, t := range tables {
		// The name comes from the catalog, quoted as an identifier.
		rows, err := s.db.QueryContext(ctx, `SELECT * FROM "`+strings.ReplaceAll(t, `"`, `""`)+`"`)
		if err != nil {
			return fmt.Errorf("store: dump %s: %w", t, err)
		}
		if err := eachRow(rows, func(row []string) error { return fn(t, row) }); err != nil {
			return fmt.Errorf("store: dump %s: %w", t, err)
		}
	}
	return nil
}

func (s *sqlStore) strings(ctx context.Context, query string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	var out []string
	err = eachRow(rows, func(row []string) error { out = append(out, row[0]); return nil })
	return out, err
}

// eachRow calls fn with each row of rows as text, and closes rows.
func eachRow(rows *sql.Rows, fn func([]string) error) error {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}
