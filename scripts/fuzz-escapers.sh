#!/usr/bin/env bash
# Fuzzes render/internal/escape against html/template: each target prints
# fuzzed values in its group of contexts with both and compares the bytes.
# Runs each target for FUZZTIME (default 30s), one target per go test, and
# exits non-zero when any finds a difference (the failing input is then
# saved under render/internal/escape/testdata/fuzz/<target>/).
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-30s}"
status=0
for target in FuzzHTML FuzzURL FuzzCSS FuzzJS; do
  echo "fuzz-escapers: $target for $fuzztime"
  if ! go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" ./render/internal/escape; then
    echo "fuzz-escapers: $target failed" >&2
    status=1
  fi
done
exit "$status"
