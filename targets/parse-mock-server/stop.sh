#!/usr/bin/env bash
# Stops what start.sh started.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for pid_file in "$here"/*.pid; do
  [ -f "$pid_file" ] || continue
  kill "$(cat "$pid_file")" 2>/dev/null || true
  rm -f "$pid_file"
done
echo "[parse-mock-server target] stopped"
