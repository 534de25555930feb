package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/store/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) string { return filepath.Join(t.TempDir(), "sub", "store.db") })
}

// TestPostgres runs the suite against the database TAILOR_TEST_POSTGRES
// names (.ci/run starts one), each test in a schema of its own; without
// it the test is skipped, or fails when CI is set.
func TestPostgres(t *testing.T) {
	storetest.Run(t, storetest.FreshPostgres)
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
