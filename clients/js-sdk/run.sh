#!/usr/bin/env bash
# Runs the SDK tests against a target: clients/js-sdk/run.sh <profile.toml>
# [test files] [node --test options]. Installs the pinned packages (npm ci) when they are
# missing or older than the lock file.
set -euo pipefail
if [ $# -lt 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 <profile.toml> [node --test options]   (e.g. targets/parse-mock-server/target.toml)" >&2
  exit 2
fi
profile="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
cd "$(dirname "$0")"
if [ ! -d node_modules/parse ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[js-sdk] installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "[js-sdk] the Parse JavaScript SDK $(node -p 'JSON.parse(require("fs").readFileSync("node_modules/parse/package.json")).version') against $profile"
# Every test file under test/, unless test files are named.
files=(test/)
for arg in "$@"; do case "$arg" in *.js) files=() ;; esac; done
PARSE_CONFORMANCE_PROFILE="$profile" exec node --test --test-reporter=spec "$@" "${files[@]}"
