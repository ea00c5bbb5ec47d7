#!/usr/bin/env bash
# CPU per request: the A/B measure behind the reference server's performance
# work. On a shared VM throughput moves by 15-30% from one minute to the
# next; the CPU time a server spends per request moves far less. For each
# reference-server binary given, in interleaved rounds (A, B, A, B, ...),
# this starts it on a free port, fills a class of 100 objects and signs a
# user up, runs wrk (-t2 -c16) on one endpoint, and prints the server's
# user and system CPU per request (from /proc/<pid>/stat), wrk's own, and
# the requests per second.
#
#   bench/cpu-per-request.sh [--endpoint me|find|findeq|create] [--rounds N]
#                            [--seconds S] BINARY...
#
#   cp target/release/parse-mock-server /tmp/a    # before a change
#   cargo build --release -p parse-mock-server && cp target/release/parse-mock-server /tmp/b
#   bench/cpu-per-request.sh --endpoint find /tmp/a /tmp/b
#
# Endpoints: me (GET /users/me with a session token), find (GET
# /classes/C?limit=10), findeq (the same with where={"group":7}), create
# (POST /classes/C). Compare the rounds that ran side by side; a round
# that is slower for every binary was a noisy minute.
set -euo pipefail

endpoint=me
rounds=3
seconds=4
binaries=()
while [ $# -gt 0 ]; do
  case "$1" in
    --endpoint) endpoint=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) binaries+=("$1"); shift ;;
  esac
done
if [ ${#binaries[@]} -eq 0 ]; then
  echo "usage: $0 [--endpoint me|find|findeq|create] [--rounds N] [--seconds S] BINARY..." >&2
  exit 2
fi
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ticks=$(getconf CLK_TCK)

# measure BINARY: one round on one binary.
measure() {
  local bin=$1 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$bin" --appId bench --restAPIKey rest --masterKey master --bcryptCost 4 --port "$port" \
    >"$work/server.log" 2>&1 &
  server=$!
  local base="http://127.0.0.1:$port/parse"
  for _ in $(seq 200); do
    curl -s -o /dev/null "$base/health" && break
    sleep 0.01
  done
  local keys=(-H "X-Parse-Application-Id: bench" -H "X-Parse-REST-API-Key: rest")
  local master=(-H "X-Parse-Application-Id: bench" -H "X-Parse-Master-Key: master")
  local token
  token=$(curl -s "${keys[@]}" -H 'Content-Type: application/json' \
    -d '{"username":"u","password":"p"}' "$base/users" |
    sed 's/.*"sessionToken":"\([^"]*\)".*/\1/')
  local batch='{"requests":[' i
  for i in $(seq 0 49); do
    batch+="{\"method\":\"POST\",\"path\":\"/parse/classes/C\",\"body\":{\"name\":\"n$i\",\"group\":$((i % 50)),\"flag\":true}},"
  done
  batch="${batch%,}]}"
  for _ in 1 2; do
    curl -s -o /dev/null "${master[@]}" -H 'Content-Type: application/json' -d "$batch" "$base/batch"
  done
  local args
  case "$endpoint" in
    me) args=("${keys[@]}" -H "X-Parse-Session-Token: $token" "$base/users/me") ;;
    find) args=("${keys[@]}" "$base/classes/C?limit=10") ;;
    findeq) args=("${keys[@]}" "$base/classes/C?limit=10&where=%7B%22group%22%3A7%7D") ;;
    create)
      printf '%s\n' 'wrk.method = "POST"' \
        "wrk.body = '{\"name\":\"created\",\"group\":3,\"flag\":true}'" \
        'wrk.headers["Content-Type"] = "application/json"' >"$work/post.lua"
      args=("${keys[@]}" -s "$work/post.lua" "$base/classes/C") ;;
    *) echo "unknown endpoint $endpoint" >&2; exit 2 ;;
  esac
  wrk -t2 -c16 -d1s "${args[@]}" >/dev/null # warm-up
  local u0 s0 u1 s1 out
  read -r u0 s0 < <(awk '{print $14, $15}' "/proc/$server/stat")
  out=$({ /usr/bin/time -f "WRKTIME %U %S" wrk -t2 -c16 -d"${seconds}s" "${args[@]}"; } 2>&1)
  read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$server/stat")
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
  echo "$out" | awk -v n="$(echo "$out" | awk '/requests in/{print $1}')" \
    -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v t="$ticks" -v bin="$bin" '
    /Requests\/sec/ { rps = $2 }
    /WRKTIME/ { wu = $2; ws = $3 }
    END {
      printf "%-28s %8.0f req/s  server user %5.2f sys %5.2f  wrk user %5.2f sys %5.2f  (us per request)\n",
        bin, rps, u / t / n * 1e6, s / t / n * 1e6, wu / n * 1e6, ws / n * 1e6
    }'
}

echo "endpoint: $endpoint, $rounds rounds of ${seconds} s, wrk -t2 -c16"
for round in $(seq "$rounds"); do
  echo "round $round"
  for bin in "${binaries[@]}"; do
    measure "$bin"
  done
done
