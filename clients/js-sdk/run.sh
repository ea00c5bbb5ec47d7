#!/usr/bin/env bash
# Runs the SDK tests against a running target:
#   clients/js-sdk/run.sh <profile.toml> [test files] [--node-test-option=value …]
# Installs the pinned packages (npm ci) when they are missing or older than
# the lock file.
set -euo pipefail
if [ $# -lt 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 <profile.toml> [test files] [--node-test-option=value ...]   (e.g. targets/parse-mock-server/target.toml)" >&2
  exit 2
fi
profile="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
# Options (--name=value) go to node --test; other arguments are test files,
# named relative to the caller's folder.
options=()
files=()
for arg in "$@"; do
  case "$arg" in
    -*) options+=("$arg") ;;
    *) files+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")") ;;
  esac
done
cd "$(dirname "$0")"
if [ ! -d node_modules/parse ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[js-sdk] installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "[js-sdk] the Parse JavaScript SDK $(node -p 'JSON.parse(require("fs").readFileSync("node_modules/parse/package.json")).version') against $profile"
# Every test file under test/, unless test files are named.
[ ${#files[@]} -gt 0 ] || files=(test/)
PARSE_CONFORMANCE_PROFILE="$profile" exec node --test --test-reporter=spec "${options[@]}" "${files[@]}"
