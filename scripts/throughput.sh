#!/bin/sh
# throughput.sh [N] [ROUNDS]: what a batch of N synthetic recipients of
# the example shop costs per message on each path (the newsletter, picks
# and both as JSONL, with the pool and one worker; the newsletter as .eml
# on disk and in memory; the naive path; 12 against 1,002 modules), and
# how long generated workspaces take to load (100 to 1,000 modules, 100 to
# 400 slots), in one run of alternating rounds (default 3), with the
# medians and the load average. Per-core rates use the process's CPU
# time, so they hold on a busy machine; wall rates do not. See
# docs/batch.md.
set -eu
cd "$(dirname "$0")/.."
exec go run ./scripts/throughput -n "${1:-20000}" -rounds "${2:-3}"
