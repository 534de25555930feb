#!/usr/bin/env bash
# store-import-1m.sh [N]: import N (default 1,000,000) synthetic profiles
# of the example shop (scripts/synth, JSONL) into a fresh SQLite store and
# a fresh PostgreSQL database (TAILOR_TEST_POSTGRES, else a throwaway
# cluster started by .ci/postgres.sh), printing each import's wall time
# and peak RSS (GNU time); import the file a second time into SQLite (all
# unchanged); then render the newsletter for every recipient from each
# store and from the file, and compare the sorted JSONL (the example's
# unsubscribe: is taken out, since a store's URL is the signed one).
# See docs/store.md.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
tmp="$(mktemp -d)"
pgdir=""
cleanup() {
  [[ -n "$pgdir" ]] && bash .ci/postgres.sh stop "$pgdir"
  rm -rf "$tmp"
}
trap cleanup EXIT
if [[ -z "${TAILOR_TEST_POSTGRES:-}" ]]; then
  read -r TAILOR_TEST_POSTGRES pgdir < <(bash .ci/postgres.sh)
fi
go build -o "$tmp/tailor" ./cmd/tailor
go run ./scripts/synth -n "$n" >"$tmp/people.jsonl"
"$tmp/tailor" init "$tmp/ws" >/dev/null
sed -i '/^unsubscribe:/d' "$tmp/ws/tailor.yaml"
echo "$n profiles, $(du -h "$tmp/people.jsonl" | cut -f1) of JSONL; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# A fresh PostgreSQL schema, so that runs do not see each other's rows.
schema="tailor_import_$$"
psql_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql"
"$psql_bin" -q "${TAILOR_TEST_POSTGRES}" -c "CREATE SCHEMA $schema" >/dev/null
pg="${TAILOR_TEST_POSTGRES}"
case "$pg" in *\?*) pg="$pg&search_path=$schema" ;; *) pg="$pg?search_path=$schema" ;; esac

import() { # LABEL STORE
  /usr/bin/time -f "$1: %e s wall, %U s user, peak RSS %M KiB" \
    "$tmp/tailor" store import --workspace "$tmp/ws" --store "$2" --recipients "$tmp/people.jsonl" 2>&1 |
    grep -v '^$'
}
import "sqlite import" "$tmp/store.db"
import "sqlite again" "$tmp/store.db"
import "postgres import" "$pg"
echo "sqlite file: $(du -h "$tmp/store.db" | cut -f1)"

render() { # LABEL ARGS...
  local label="$1"; shift
  /usr/bin/time -f "$label: %e s wall, peak RSS %M KiB" \
    "$tmp/tailor" render --workspace "$tmp/ws" --email newsletter --quiet --now 2026-11-02T09:00:00Z "$@" \
    >"$tmp/$label.jsonl"
  LC_ALL=C sort "$tmp/$label.jsonl" | sha256sum | cut -c1-16
}
f="$(render file --recipients "$tmp/people.jsonl")"
s="$(render sqlite --from-store --store "$tmp/store.db")"
p="$(render postgres --from-store --store "$pg")"
echo "sorted JSONL sha256: file $f, sqlite $s, postgres $p"
"$psql_bin" -q "${TAILOR_TEST_POSTGRES}" -c "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE" >/dev/null
[[ "$f" == "$s" && "$f" == "$p" ]] && echo "same JSONL" || { echo "JSONL differs"; exit 1; }
