#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the store tests and print its
# URL (the value of TAILOR_TEST_POSTGRES). Debian's postgresql is
# installed when missing. The cluster runs as an unprivileged user
# (nobody when we are root) in a fresh temporary folder, listens on
# 127.0.0.1 only, on a free port, and trusts local connections. It
# prints "URL DIR"; stop it (and remove DIR) with `.ci/postgres.sh stop DIR`.
set -euo pipefail

if [[ "${1:-}" == stop ]]; then
  dir="$2"
  bin="$(cat "$dir/bin")"
  as="$(cat "$dir/user")"
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u "$as" -- "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  else
    "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit 0
fi

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [[ -z "$(bindir)" ]]; then
  echo "ci: installing postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >/dev/null
fi
bin="$(bindir)"

as="$(id -un)"
run() { "$@"; }
if [[ "$(id -u)" == 0 ]]; then
  as=nobody
  run() { runuser -u nobody -- "$@"; }
fi

dir="$(mktemp -d /tmp/tailor-pg.XXXXXX)"
chmod 0755 "$dir"
echo "$bin" >"$dir/bin"
echo "$as" >"$dir/user"
mkdir "$dir/data" "$dir/sock"
[[ "$(id -u)" == 0 ]] && chown nobody "$dir/data" "$dir/sock"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
run "$bin/initdb" -D "$dir/data" -U tailor --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/sock/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c fsync=off" start >&2
run "$bin/createdb" -h 127.0.0.1 -p "$port" -U tailor tailor_test >&2
echo "postgres://tailor@127.0.0.1:$port/tailor_test?sslmode=disable $dir"
