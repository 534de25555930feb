// Package store is the audience store: recipient profiles (as typed JSON,
// with the recipient ID and normalized e-mail key as indexed columns),
// appended events, segment membership with the time each last changed,
// and suppressions (kept only as a hash of the recipient ID or address).
// Its one job is to keep that data durable behind one interface, Store,
// with two implementations: SQLite (modernc.org/sqlite, pure Go, the
// default) and PostgreSQL (pgx). Both apply the versioned migrations of
// migrate.go when opened. Every statement is parameterized.
package store
