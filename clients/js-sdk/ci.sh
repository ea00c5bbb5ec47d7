#!/usr/bin/env bash
# CI: the SDK tests against both targets, one after the other, each started
# here and stopped afterwards (also when something fails):
#   1. the reference server standalone (targets/parse-mock-server, ports
#      2337-2343, mail to 2526), from the debug build unless
#      PARSE_MOCK_SERVER_BUILD says release;
#   2. Parse Server 9.10.0 (targets/parse-server, ports 1337-1343, mail to
#      2525).
# Run it when nothing else uses those ports (.ci/run runs it after
# targets/parse-server/report.sh, which has stopped its Parse Server by then).
# Ends with one line "js-sdk: N passed, N failed" over both targets.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
passed=0
failed=0
status=0

started=""
stop_started() {
  case "$started" in
    mock) "$root/targets/parse-mock-server/stop.sh" ;;
    parse-server) "$root/targets/parse-server/stop.sh" ;;
  esac
  started=""
}
ps_profile_copy=""
trap 'stop_started; [ -z "$ps_profile_copy" ] || rm -f "$ps_profile_copy"' EXIT

# run_against NAME PROFILE: runs the tests, adds up their counts.
run_against() {
  local name=$1 profile=$2 log
  log=$(mktemp)
  echo "== the Parse JavaScript SDK against $name"
  "$here/run.sh" "$profile" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$log" | tail -1)
  rm -f "$log"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] || [ -z "$p" ] || [ "${p:-0}" -eq 0 ]; then
    echo "[js-sdk] the run against $name failed (exit $rc)" >&2
    status=1
  fi
}

# The npm packages once, before any target starts.
(cd "$here" && { [ -d node_modules/parse ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; } ||
  npm ci --no-audit --no-fund --loglevel=error) || exit 1

started=mock
if PARSE_MOCK_SERVER_BUILD="${PARSE_MOCK_SERVER_BUILD:-debug}" "$root/targets/parse-mock-server/start.sh"; then
  run_against "the reference server" "$root/targets/parse-mock-server/target.toml"
else
  echo "[js-sdk] the reference server did not start" >&2
  status=1
fi
stop_started

# PARSE_CONFORMANCE_PORT / PARSE_CONFORMANCE_SMTP_PORT (start.sh's own
# variables, for a copy beside another one) move the profile's ports too.
ps_profile="$root/targets/parse-server/target.toml"
if [ -n "${PARSE_CONFORMANCE_PORT:-}${PARSE_CONFORMANCE_SMTP_PORT:-}" ]; then
  base=${PARSE_CONFORMANCE_PORT:-1337}
  ps_profile=$(mktemp --suffix=.toml)
  ps_profile_copy=$ps_profile
  sed -e "s/:1337\//:$base\//; s/:1338\//:$((base + 1))\//; s/:1339\//:$((base + 2))\//" \
    -e "s/:1340\//:$((base + 3))\//; s/:1341\//:$((base + 4))\//; s/:1342\//:$((base + 5))\//" \
    -e "s/:1343\//:$((base + 6))\//" \
    -e "s/:2525\"/:${PARSE_CONFORMANCE_SMTP_PORT:-2525}\"/" "$root/targets/parse-server/target.toml" >"$ps_profile"
fi
started=parse-server
if "$root/targets/parse-server/start.sh"; then
  run_against "Parse Server 9.10.0" "$ps_profile"
else
  echo "[js-sdk] Parse Server did not start" >&2
  status=1
fi
stop_started

echo "js-sdk: $passed passed, $failed failed"
exit "$status"
