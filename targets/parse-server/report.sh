#!/usr/bin/env bash
# Regenerates the committed conformance report of Parse Server 9.10.0:
# starts it, runs the whole suite with its profile, copies summary.md and
# results.json to reports/targets/parse-server-9.10.0/, and stops it again.
# Both files are normalized (no dates, ids, etags or ports), so a run with
# no change of behaviour writes the same bytes. Rebuild the HTML site from
# them with reports/site.sh. Exits with the suite's exit code.
# With PARSE_CONFORMANCE_PACKAGE_DIR (see start.sh) it reports on the Parse
# Server that folder pins instead, with that folder's target.toml, into
# PARSE_CONFORMANCE_REPORT_DIR (../parse-server-8/report.sh does so).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
package_dir="$(cd "${PARSE_CONFORMANCE_PACKAGE_DIR:-$here}" && pwd)"
export PARSE_CONFORMANCE_PACKAGE_DIR="$package_dir"
out="$root/target/$(basename "$package_dir")-reports"
dest="${PARSE_CONFORMANCE_REPORT_DIR:-$root/reports/targets/parse-server-9.10.0}"
"$here/start.sh" || exit 2
trap '"$here/stop.sh"' EXIT
cd "$root"
cargo run --quiet -- --profile "$package_dir/target.toml" --reports "$out" "$@"
status=$?
mkdir -p "$dest"
cp "$out/summary.md" "$out/results.json" "$dest/"
echo "wrote $dest/summary.md and $dest/results.json"
exit $status
