#!/usr/bin/env bash
# Stops what start.sh started: Parse Server, and PostgreSQL if start.sh
# started it (give it the same PARSE_CONFORMANCE_PACKAGE_DIR as start.sh).
# With --instances-only, only the Parse Server instances (start.sh does so
# before it recreates their database).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# The package folder start.sh ran (PARSE_CONFORMANCE_PACKAGE_DIR, default this
# folder) holds the pid files.
package_dir="$(cd "${PARSE_CONFORMANCE_PACKAGE_DIR:-$here}" && pwd)"
label="[$(basename "$package_dir") target]"
cd "$package_dir"
for name in parse-server parse-server-verify-first parse-server-no-verification parse-server-short-sessions \
  parse-server-client-keys parse-server-no-client-keys parse-server-cors-allow-list; do
  [ -f "$name.pid" ] || continue
  pid=$(cat "$name.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$name.pid"
  echo "$label $name stopped"
done
if [ "${1:-}" != --instances-only ] && [ -f .started-postgres ]; then
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
  # shellcheck disable=SC2086
  [ -n "$cluster" ] && pg_ctlcluster $cluster stop || true
  rm -f .started-postgres
  echo "$label PostgreSQL stopped"
fi
