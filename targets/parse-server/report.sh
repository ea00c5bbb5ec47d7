#!/usr/bin/env bash
# Regenerates the committed conformance report of Parse Server 9.10.0:
# starts it, runs the whole suite with its profile, copies summary.md and
# results.json to reports/targets/parse-server-9.10.0/, and stops it again.
# Both files are normalized (no dates, ids, etags or ports), so a run with
# no change of behaviour writes the same bytes. Rebuild the HTML site from
# them with reports/site.sh. Exits with the suite's exit code.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/target/parse-server-reports"
dest="reports/targets/parse-server-9.10.0"
"$here/start.sh" || exit 2
trap '"$here/stop.sh"' EXIT
cd "$root"
cargo run --quiet -- --profile targets/parse-server/target.toml --reports "$out" "$@"
status=$?
mkdir -p "$dest"
cp "$out/summary.md" "$out/results.json" "$dest/"
echo "wrote $dest/summary.md and $dest/results.json"
exit $status
