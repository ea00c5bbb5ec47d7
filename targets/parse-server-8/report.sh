#!/usr/bin/env bash
# Regenerates the committed conformance report of the latest Parse Server
# 8.x: ../parse-server/report.sh with env.sh and this folder's target.toml;
# it writes reports/targets/parse-server-<version>/summary.md (and
# results.json when the run writes one). Exits with the suite's exit code.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/env.sh"
root="$(cd "$here/../.." && pwd)"
version=$(node -p "require('$here/package.json').dependencies['parse-server']")
export PARSE_CONFORMANCE_REPORT_DIR="$root/reports/targets/parse-server-$version"
exec "$here/../parse-server/report.sh" "$@"
