#!/usr/bin/env bash
# Regenerates the committed conformance report of Parse Server 9.10.0:
# starts it, runs the whole suite with its profile, writes
# reports/targets/parse-server-9.10.0.md, and stops it again.
# Exits with the suite's exit code.
# With PARSE_CONFORMANCE_PACKAGE_DIR (see start.sh) it reports on the Parse
# Server that folder pins instead, with that folder's target.toml, and
# copies summary.md (and results.json, when the run wrote one) into
# PARSE_CONFORMANCE_REPORT_DIR (../parse-server-8/report.sh does so).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
package_dir="$(cd "${PARSE_CONFORMANCE_PACKAGE_DIR:-$here}" && pwd)"
export PARSE_CONFORMANCE_PACKAGE_DIR="$package_dir"
out="$root/target/$(basename "$package_dir")-reports"
"$here/start.sh" || exit 2
trap '"$here/stop.sh"' EXIT
cd "$root"
cargo run --quiet -- --profile "$package_dir/target.toml" --reports "$out" "$@"
status=$?
if [ -n "${PARSE_CONFORMANCE_REPORT_DIR:-}" ]; then
  mkdir -p "$PARSE_CONFORMANCE_REPORT_DIR"
  cp "$out/summary.md" "$PARSE_CONFORMANCE_REPORT_DIR/summary.md"
  if [ -f "$out/results.json" ]; then
    cp "$out/results.json" "$PARSE_CONFORMANCE_REPORT_DIR/results.json"
  fi
  echo "wrote $PARSE_CONFORMANCE_REPORT_DIR"
else
  mkdir -p reports/targets
  cp "$out/summary.md" reports/targets/parse-server-9.10.0.md
  echo "wrote reports/targets/parse-server-9.10.0.md"
fi
exit $status
