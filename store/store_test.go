package store_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/store/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) string { return filepath.Join(t.TempDir(), "sub", "store.db") })
}

// schemas numbers the PostgreSQL schemas the tests make.
var schemas atomic.Int64

// TestPostgres runs the suite against the database TAILOR_TEST_POSTGRES
// names (.ci/run starts one), each test in a schema of its own.
func TestPostgres(t *testing.T) {
	dsn := PostgresDSN(t)
	storetest.Run(t, func(t *testing.T) string {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		name := fmt.Sprintf("tailor_test_%d_%d", time.Now().UnixNano(), schemas.Add(1))
		if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			c, err := pgx.Connect(ctx, dsn)
			if err == nil {
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
	})
}

// PostgresDSN is TAILOR_TEST_POSTGRES; without it the test is skipped,
// or fails when CI is set.
func PostgresDSN(t *testing.T) string {
	dsn := os.Getenv("TAILOR_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("TAILOR_TEST_POSTGRES is not set: CI must run the store suite on PostgreSQL (.ci/run starts one)")
		}
		t.Skip("TAILOR_TEST_POSTGRES is not set: the PostgreSQL store is not tested (.ci/run starts a throwaway cluster and sets it)")
	}
	return dsn
}

func TestOpenRefusesOtherSchemes(t *testing.T) {
	_, err := store.Open(context.Background(), "mysql://u:secret@h/db")
	if err == nil {
		t.Fatal("opened mysql://")
	}
	if got := err.Error(); strings.Contains(got, "secret") {
		t.Errorf("the error shows the password: %s", got)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:pw@h:5432/db?sslmode=disable":      "postgres://u:xxxxx@h:5432/db?sslmode=disable",
		"postgres://u@h/db":                              "postgres://u@h/db",
		"postgres://h/db?user=u&password=pw&sslmode=off": "postgres://h/db?user=u&password=xxxxx&sslmode=off",
		".tailor/store.db":                               ".tailor/store.db",
	} {
		if got := store.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
