#!/usr/bin/env bash
# axe-core.sh [CACHE_DIR]
#
# Installs axe-core (MPL-2.0, Deque Systems) from npm so that the preview's
# browser test can run it with no network, and prints the path of
# axe.min.js, which the test injects into each page (TAILOR_AXE).
# Idempotent: a second run reuses the cache. CACHE_DIR defaults to
# $HOME/.cache/tailor/axe-core. Everything but the path goes to stderr.
set -euo pipefail

VERSION=4.14.1

dir="${1:-${HOME:-/root}/.cache/tailor/axe-core}"
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "axe-core.sh: $tool is required" >&2; exit 1; }
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
js="$dir/node_modules/axe-core/axe.min.js"
installed="$(node -p "require('$dir/node_modules/axe-core/package.json').version" 2>/dev/null || true)"
if [ "$installed" != "$VERSION" ]; then
  echo "axe-core.sh: installing axe-core@$VERSION" >&2
  [ -f "$dir/package.json" ] || echo '{"private": true}' >"$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --silent "axe-core@$VERSION" >&2
fi
[ -f "$js" ] || { echo "axe-core.sh: $js missing after install" >&2; exit 1; }
echo "$js"
