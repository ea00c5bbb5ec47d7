#!/usr/bin/env bash
# Regenerates the committed conformance report of Parse Server 9.10.0:
# starts it, runs the whole suite with its profile, writes
# reports/targets/parse-server-9.10.0.md, and stops it again.
# Exits with the suite's exit code.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/target/parse-server-reports"
"$here/start.sh" || exit 2
trap '"$here/stop.sh"' EXIT
cd "$root"
cargo run --quiet -- --profile targets/parse-server/target.toml --reports "$out" "$@"
status=$?
mkdir -p reports/targets
cp "$out/summary.md" reports/targets/parse-server-9.10.0.md
echo "wrote reports/targets/parse-server-9.10.0.md"
exit $status
