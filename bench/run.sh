#!/usr/bin/env bash
# The benchmark: the reference server and the real Parse Server 9.10.0
# (started fresh on a fresh database by targets/parse-server/start.sh, and
# stopped after) measured in one run on this machine, with wrk.
# Writes reports/benchmarks.md.
#
#   bench/run.sh                      # both servers, 100,000 objects, 10 s per measure
#   bench/run.sh --no-parse-server    # the reference server only
#   bench/run.sh --seconds 2 --objects 5000   # a quick smoke
#
# Options after the script's own are passed to parse-bench (see --help).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

with_parse_server=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-parse-server) with_parse_server=0 ;;
    *) args+=("$arg") ;;
  esac
done

if ! command -v wrk >/dev/null 2>&1; then
  echo "[bench] installing wrk from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build --quiet --release -p parse-mock-server -p parse-bench

if [ "$with_parse_server" = 1 ]; then
  # A fresh start on a fresh database: a Parse Server whose database holds
  # the classes of many suite runs answers slower (it reads every schema).
  targets/parse-server/start.sh
  trap 'targets/parse-server/stop.sh' EXIT
  pid=$(cat targets/parse-server/parse-server.pid)
  args+=(--parse-server http://127.0.0.1:1337/parse --parse-server-pid "$pid")
fi
target/release/parse-bench "${args[@]}"
