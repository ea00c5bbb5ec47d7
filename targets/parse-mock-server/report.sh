#!/usr/bin/env bash
# Regenerates the committed conformance report of the reference server: runs
# the whole suite against the embedded reference server (the one `cargo run`
# starts in-process) and copies summary.md and results.json to
# reports/targets/parse-mock-server/. Both files are normalized, so a run
# with no change of behaviour writes the same bytes. Rebuild the HTML site
# from them with reports/site.sh. Exits with the suite's exit code.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/target/parse-mock-server-reports"
dest="reports/targets/parse-mock-server"
cd "$root"
cargo run --quiet -- --reports "$out" "$@"
status=$?
mkdir -p "$dest"
cp "$out/summary.md" "$out/results.json" "$dest/"
echo "wrote $dest/summary.md and $dest/results.json"
exit $status
