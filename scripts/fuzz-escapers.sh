#!/usr/bin/env bash
# Fuzzes render/internal/escape against html/template: each target prints
# fuzzed values in its group of contexts with both and compares the bytes.
# Runs each target for FUZZTIME (default 30s), one target per go test, and
# exits non-zero when any finds a difference (the failing input is then
# saved under render/internal/escape/testdata/fuzz/<target>/). Each runs
# through scripts/fuzz-one.sh, which tells a finding from Go's fuzzing
# deadline race.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-30s}"
status=0
for target in FuzzHTML FuzzURL FuzzCSS FuzzJS; do
  echo "fuzz-escapers: $target for $fuzztime"
  if ! bash scripts/fuzz-one.sh "$target" ./render/internal/escape "$fuzztime"; then
    echo "fuzz-escapers: $target failed" >&2
    status=1
  fi
done
exit "$status"
