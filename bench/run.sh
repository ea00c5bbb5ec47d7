#!/usr/bin/env bash
# The benchmark (issue 14): in one run on this machine, with wrk,
#   - the reference server (release build, started by parse-bench),
#   - the real Parse Server 9.10.0 on PostgreSQL (its main instance, port
#     1337, started fresh on a fresh database by targets/parse-server/start.sh
#     and stopped after by stop.sh),
#   - a bare hyper server answering a fixed 50-byte JSON (bench/src/bin/
#     bare-hyper.rs, started by parse-bench): the physical limit here;
# GET /users/me, POST /login, POST /classes/C, finds at 100 and 100,000
# objects with and without an equality constraint, and a mixed read/write
# workload; req/s, p50, p99, errors, resident memory before and after each
# measure, startup time, and the time of the whole suite against the
# embedded server. Writes reports/benchmarks.md. About 10 minutes;
# run it on a quiet machine (see `uptime`): ratios measured in one run are
# the figures to trust.
#
#   bench/run.sh                      # the benchmark, writes reports/benchmarks.md
#   bench/run.sh --smoke              # CI smoke: debug build, reference server and
#                                     # bare hyper only, 1-second measures, 1,000
#                                     # objects, report in a temporary file (~20 s)
#   bench/run.sh --no-parse-server    # without Parse Server
#   bench/run.sh --seconds 2 --rounds 1 --objects 5000   # shorter measures
#
# Other options are passed to parse-bench (target/release/parse-bench --help).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

with_parse_server=1
profile=release
args=()
for arg in "$@"; do
  case "$arg" in
    --no-parse-server) with_parse_server=0 ;;
    --smoke)
      # The smoke reuses the debug build `cargo test` has just made (a
      # release build is minutes on this machine) and leaves Parse Server out.
      with_parse_server=0
      profile=debug
      args+=("$arg")
      ;;
    *) args+=("$arg") ;;
  esac
done

if ! command -v wrk >/dev/null 2>&1; then
  echo "[bench] installing wrk from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if [ "$profile" = release ]; then
  # The runner too: the whole suite against its embedded server is timed.
  cargo build --quiet --release -p parse-mock-server -p parse-bench -p parse-conformance
  args+=(--suite target/release/parse-conformance)
else
  cargo build --quiet -p parse-mock-server -p parse-bench
fi

if [ "$with_parse_server" = 1 ]; then
  # A fresh start on a fresh database: a Parse Server whose database holds
  # the classes of many suite runs answers slower (it reads every schema).
  # Only the main instance (port 1337) is measured. start.sh's
  # PARSE_CONFORMANCE_PORT and PARSE_CONFORMANCE_DB move it (and its five
  # idle siblings) when another copy holds 1337 to 1342.
  port="${PARSE_CONFORMANCE_PORT:-1337}"
  targets/parse-server/start.sh
  trap 'targets/parse-server/stop.sh' EXIT
  pid=$(cat targets/parse-server/parse-server.pid)
  args+=(--parse-server "http://127.0.0.1:$port/parse" --parse-server-pid "$pid")
fi
"target/$profile/parse-bench" "${args[@]}"
