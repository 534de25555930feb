package store

import (
	"strconv"
	"strings"
)

// dialect is what differs between the two databases' SQL.
type dialect struct {
	name string
	json string // the column type of a JSON document
	seq  string // an auto-incremented primary key column
	// dollar numbers parameters $1, $2... in place of ?.
	dollar bool
	// lock, run first in a migration's transaction, serializes migrators.
	lock string
}

var (
	sqliteDialect   = dialect{name: "sqlite", json: "TEXT", seq: "INTEGER PRIMARY KEY AUTOINCREMENT"}
	postgresDialect = dialect{name: "postgres", json: "JSON", seq: "BIGSERIAL PRIMARY KEY", dollar: true,
		lock: "SELECT pg_advisory_xact_lock(8432119)"}
)

// ddl spells a migration statement for the dialect.
func (d dialect) ddl(stmt string) string {
	return strings.NewReplacer("{{json}}", d.json, "{{seq}}", d.seq).Replace(stmt)
}

// rebind numbers the ? parameters of query for PostgreSQL. The store's
// queries hold no ? but parameters.
func (d dialect) rebind(query string) string {
	if !d.dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for _, c := range query {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
