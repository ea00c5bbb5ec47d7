#!/usr/bin/env bash
# The soak (issue 15): the reference server (release build, started by
# parse-bench) under the benchmark's mixed read/write workload from wrk,
# 64 connections for 60 s over a class of 100,000 objects, then 20 s idle;
# every 2 s its resident memory and the time of one GET /parse/health.
# Writes reports/soak.md: whether it kept answering (wrk's socket errors
# and non-2xx answers, the probes) and whether its memory came back to a
# steady level after the load. A report, not a timed test: about 2 minutes.
#
#   bench/soak.sh                                  # writes reports/soak.md
#   bench/soak.sh --seconds 10 --soak-after 5 --out /tmp/soak.md   # a short one
#
# Other options go to parse-bench (--soak-connections, --soak-every,
# --objects; target/release/parse-bench --help). It waits while another
# wrk runs (a benchmark): two loads at once would measure neither.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v wrk >/dev/null 2>&1; then
  echo "[soak] installing wrk from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
while pgrep -x wrk >/dev/null; do
  echo "[soak] another wrk is running (a benchmark?); waiting"
  sleep 10
done
cargo build --quiet --release -p parse-mock-server -p parse-bench
exec target/release/parse-bench --soak --seconds 60 --objects 100000 "$@"
