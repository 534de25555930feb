#!/bin/sh
# load-events.sh: sustained events into a real "tailor serve" with an
# audience store, over loopback, on SQLite and on PostgreSQL.
#
#   scripts/load-events.sh [DURATION [CONCURRENCY [PROFILES]]]   default 30s 16 1000
#
# For each store it builds tailor, imports PROFILES synthetic profiles
# (load-1..load-N), starts "tailor serve --store LOC" on the example
# workspace and runs serve's TestLoadEvents against it: POST
# /v1/events/purchase with {"id", "event"} (one transaction per event,
# and the event's email rendered), then POST /v1/events in batches of
# 50. It prints requests/s, events/s, median and p99 latency, and fails
# on any failed request. PostgreSQL is $TAILOR_TEST_POSTGRES, else a
# throwaway cluster from .ci/postgres.sh.
set -eu
duration=${1:-30s}
concurrency=${2:-16}
profiles=${3:-1000}
cd "$(dirname "$0")/.."
root=$(pwd)
tmp=$(mktemp -d)
pid=
pgdir=
cleanup() {
	[ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
	[ -n "$pgdir" ] && "$root/.ci/postgres.sh" stop "$pgdir"
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
go build -o "$tmp/tailor" ./cmd/tailor
go test -c -o "$tmp/serve.test" ./serve
"$tmp/tailor" init "$tmp/ws" >/dev/null
i=1
while [ "$i" -le "$profiles" ]; do
	echo "{\"id\":\"load-$i\",\"email\":\"load-$i@example.com\",\"first_name\":\"Lou\"}"
	i=$((i + 1))
done >"$tmp/profiles.jsonl"

pg=${TAILOR_TEST_POSTGRES:-}
if [ -z "$pg" ]; then
	set -- $("$root/.ci/postgres.sh")
	pg=$1 pgdir=$2
fi

run() { # run NAME LOC
	"$tmp/tailor" store import --workspace "$tmp/ws" --store "$2" --recipients "$tmp/profiles.jsonl" 2>&1 | sed "s/^/$1: /"
	"$tmp/tailor" serve --workspace "$tmp/ws" --store "$2" --addr 127.0.0.1:0 >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	url=
	for _ in $(seq 100); do
		url=$(grep -o 'http://[0-9.:]*' "$tmp/out" || true)
		[ -n "$url" ] && break
		sleep 0.1
	done
	[ -n "$url" ] || { cat "$tmp/err" >&2; echo "load-events: tailor serve did not start" >&2; exit 1; }
	(cd serve && "$tmp/serve.test" -test.run '^TestLoadEvents$' -test.v -load.url "$url" \
		-load.duration "$duration" -load.concurrency "$concurrency" -load.ids "$profiles") |
		grep -E 'load:|failed|^(ok|FAIL|---)' | sed "s/^/$1: /"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
}
uptime
run sqlite "$tmp/store.db"
run postgres "$pg"
uptime
