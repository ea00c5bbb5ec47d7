#!/usr/bin/env bash
# Rebuilds the committed living documentation and compliance matrix,
# reports/site/, from the feature files and the committed results of every
# target (reports/targets/*/results.json; the reference server first, then
# the others by name). Runs nothing against any server: regenerate a
# target's results with its targets/NAME/report.sh first. The same inputs
# give the same bytes.
set -euo pipefail
export LC_ALL=C
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
args=()
if [ -f reports/targets/parse-mock-server/results.json ]; then
  args+=(--results reports/targets/parse-mock-server/results.json)
fi
for results in reports/targets/*/results.json; do
  case "$results" in
    reports/targets/parse-mock-server/*) ;;
    *) args+=(--results "$results") ;;
  esac
done
cargo run --quiet -- --html-out reports/site "${args[@]}"
