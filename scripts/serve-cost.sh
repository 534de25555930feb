#!/bin/sh
# serve-cost.sh [ROUNDS [N [DURATION]]]: CPU time per message of tailor
# render's path and of the render API (/v1/render, /v1/render/batch) in
# one run of alternating rounds, with the medians (serve's TestServeCost;
# see docs/serve.md). Defaults: 3 rounds, 20000 recipients, 5s a route.
set -eu
cd "$(dirname "$0")/.."
exec go test ./serve -run '^TestServeCost$' -v -count=1 -timeout 30m -cost \
	-cost.rounds "${1:-3}" -cost.n "${2:-20000}" -cost.duration "${3:-5s}"
