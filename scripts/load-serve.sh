#!/bin/sh
# load-serve.sh: a bounded load on a real "tailor serve" process over
# loopback: POST /v1/render with the example's fixture profiles.
#
#   scripts/load-serve.sh [DURATION [CONCURRENCY]]     default 30s 50
#
# It builds tailor, starts "tailor serve --addr 127.0.0.1:0", runs
# serve's TestLoad against it (which fails on any failed request) and
# prints throughput, median and p99 latency.
set -eu
duration=${1:-30s}
concurrency=${2:-50}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT INT TERM
go build -o "$tmp/tailor" ./cmd/tailor
go test -c -o "$tmp/serve.test" ./serve
"$tmp/tailor" serve --addr 127.0.0.1:0 >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do
	url=$(grep -o 'http://[0-9.:]*' "$tmp/out" || true)
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/err" >&2; echo "load-serve: tailor serve did not start" >&2; exit 1; }
cd serve
"$tmp/serve.test" -test.run '^TestLoad$' -test.v \
	-load.url "$url" -load.duration "$duration" -load.concurrency "$concurrency" | grep -E 'load:|^(ok|FAIL|---)'
