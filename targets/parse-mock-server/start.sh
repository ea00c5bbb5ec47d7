#!/usr/bin/env bash
# Starts the reference server standalone, as the profile target.toml expects:
# seven instances of the app from config.json (the main one on port 2337; one
# with preventLoginWithUnverifiedEmail on 2338; one without email
# verification on 2339; one whose sessions expire after 3 seconds on 2340;
# one with every client key set on 2341; one with no client key on 2342;
# one whose allowOrigin is a list of two origins on 2343),
# each sending its mail to 127.0.0.1:2526, where the runner's SMTP sink
# listens. Its ports are not Parse Server's (1337 to 1343), so both targets
# run side by side. Stop them with stop.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
# A release build by default. PARSE_MOCK_SERVER_BUILD=debug uses the debug
# build instead (same behaviour; CI sets it, as `cargo test` has just built
# everything it needs, where a first release build costs minutes).
case "${PARSE_MOCK_SERVER_BUILD:-release}" in
  release) cargo build --quiet --release -p parse-mock-server; server="$root/target/release/parse-mock-server" ;;
  debug) cargo build --quiet -p parse-mock-server; server="$root/target/debug/parse-mock-server" ;;
  *) echo "PARSE_MOCK_SERVER_BUILD must be release or debug" >&2; exit 2 ;;
esac

start_instance() {
  local name=$1 port=$2; shift 2
  "$server" "$here/config.json" --port "$port" \
    --publicServerURL "http://127.0.0.1:$port/parse" "$@" >"$here/$name.log" 2>&1 &
  echo $! >"$here/$name.pid"
  for _ in $(seq 1 50); do
    if curl -fsS "http://127.0.0.1:$port/parse/health" >/dev/null 2>&1; then
      echo "[parse-mock-server target] ready: http://127.0.0.1:$port/parse"
      return 0
    fi
    sleep 0.1
  done
  echo "[parse-mock-server target] $name did not start; its log:" >&2
  cat "$here/$name.log" >&2
  return 1
}
start_instance parse-mock-server 2337
start_instance parse-mock-server-verify-first 2338 --preventLoginWithUnverifiedEmail true
start_instance parse-mock-server-no-verification 2339 --verifyUserEmails false
start_instance parse-mock-server-short-sessions 2340 --sessionLength 3
start_instance parse-mock-server-client-keys 2341 \
  --javascriptKey parse-conformance-javascript-key \
  --clientKey parse-conformance-client-key \
  --dotNetKey parse-conformance-windows-key
start_instance parse-mock-server-no-client-keys 2342 --restAPIKey ''
start_instance parse-mock-server-cors-allow-list 2343 \
  --allowOrigin https://app.example.com,https://admin.example.com
