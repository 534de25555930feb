#!/bin/sh
# throughput.sh [N] [ROUNDS]: recipients per second of the engine and of
# the naive path (render, then inline per recipient) over N synthetic
# recipients of the example shop, JSONL to /dev/null, in one run of
# alternating rounds (default 3), with the medians. Per-core rates use the
# process's CPU time, so they hold on a busy machine; wall rates do not.
set -eu
cd "$(dirname "$0")/.."
exec go run ./scripts/throughput -n "${1:-20000}" -rounds "${2:-3}"
