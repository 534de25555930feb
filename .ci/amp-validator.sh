#!/usr/bin/env bash
# amp-validator.sh [CACHE_DIR]
#
# Installs the official AMP validator so that it runs with no network, and
# prints the path of a wrapper script: `WRAPPER FILE...` validates each file
# as AMP4EMAIL and exits 0 only when all of them PASS.
#
# The validator engine (validator_wasm.js, Apache-2.0, The AMP HTML Authors)
# normally comes from cdn.ampproject.org; here it is taken from the npm package
# next@15.5.29, which bundles it, and run by the npm CLI amphtml-validator@1.0.38.
# See ../shared/peers/amp4email-validator/README.md. Idempotent: a second run
# reuses the cache. CACHE_DIR defaults to $HOME/.cache/tailor/amp-validator.
# Everything but the wrapper path goes to stderr.
set -euo pipefail

NEXT_VERSION=15.5.29
CLI_VERSION=1.0.38
WASM_SHA256=f1f4629ab36f555f5a9937a5cf00f0ef780bf025883c035d06389b151c896f26
WASM_IN_TARBALL=package/dist/compiled/amphtml-validator/validator_wasm.js

dir="${1:-${HOME:-/root}/.cache/tailor/amp-validator}"
for tool in node npm tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "amp-validator.sh: $tool is required" >&2; exit 1; }
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
wasm="$dir/validator_wasm.js"

wasm_ok() { [ -f "$wasm" ] && echo "$WASM_SHA256  $wasm" | sha256sum -c --status; }

if ! wasm_ok; then
  echo "amp-validator.sh: fetching validator_wasm.js from next@$NEXT_VERSION" >&2
  tmp="$(mktemp -d "$dir/tmp.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "next@$NEXT_VERSION" --silent >/dev/null && tar xzf "next-$NEXT_VERSION.tgz" "$WASM_IN_TARBALL")
  mv "$tmp/$WASM_IN_TARBALL" "$wasm"
  rm -rf "$tmp"
  trap - EXIT
  wasm_ok || { echo "amp-validator.sh: validator_wasm.js checksum mismatch" >&2; exit 1; }
fi

cli="$dir/node_modules/amphtml-validator/cli.js"
installed="$(node -p "require('$dir/node_modules/amphtml-validator/package.json').version" 2>/dev/null || true)"
if [ "$installed" != "$CLI_VERSION" ]; then
  echo "amp-validator.sh: installing amphtml-validator@$CLI_VERSION" >&2
  [ -f "$dir/package.json" ] || echo '{"private": true}' >"$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --silent "amphtml-validator@$CLI_VERSION" >&2
fi
[ -f "$cli" ] || { echo "amp-validator.sh: $cli missing after install" >&2; exit 1; }

wrapper="$dir/amp-validator"
cat >"$wrapper.tmp" <<WRAP
#!/bin/sh
# Runs the official AMP validator offline over FILE... as AMP4EMAIL.
# Exit status 0 when every file passes. Installed by .ci/amp-validator.sh.
if [ \$# -eq 0 ]; then echo "usage: \$0 FILE..." >&2; exit 2; fi
exec node "$cli" --validator_js "$wasm" --html_format AMP4EMAIL --format text "\$@"
WRAP
chmod +x "$wrapper.tmp"
mv "$wrapper.tmp" "$wrapper"
echo "$wrapper"
