package storetest

import (
	"context"
	"crypto/rand"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// FreshSQLite is the path of a new SQLite store in t's temporary folder.
func FreshSQLite(t *testing.T) string { return filepath.Join(t.TempDir(), "store.db") }

// FreshPostgres is the URL of a new, empty schema (dropped at t's end) in
// the database TAILOR_TEST_POSTGRES names. Without it t is skipped, or
// fails when CI is set.
func FreshPostgres(t *testing.T) string {
	dsn := os.Getenv("TAILOR_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("TAILOR_TEST_POSTGRES is not set: CI must test the PostgreSQL store (.ci/run starts one)")
		}
		t.Skip("TAILOR_TEST_POSTGRES is not set: the PostgreSQL store is not tested (.ci/run starts a throwaway cluster and sets it)")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	name := "tailor_t_" + strings.ToLower(rand.Text())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c, err := pgx.Connect(ctx, dsn); err == nil {
			c.Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
			c.Close(ctx)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// Kinds are the kinds of store, by name, each with its Fresh.
func Kinds() map[string]Fresh {
	return map[string]Fresh{"sqlite": FreshSQLite, "postgres": FreshPostgres}
}
