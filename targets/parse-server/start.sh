#!/usr/bin/env bash
# Starts the real Parse Server (9.10.0, or the one PARSE_CONFORMANCE_PACKAGE_DIR
# pins: below) for the conformance suite, on
# PostgreSQL from Debian's packages, at http://127.0.0.1:1337/parse.
# Idempotent: installs what is missing, starts from a fresh database, and
# waits until /health answers. Stop it with stop.sh.
# PARSE_CONFORMANCE_PORT (default 1337) and PARSE_CONFORMANCE_DB (default
# parse_conformance) let a second copy run beside the first.
# PARSE_CONFORMANCE_PACKAGE_DIR (default: this folder) names the folder whose
# package.json and package-lock.json pin the Parse Server to run: npm ci,
# the logs, pid files and uploaded files go there, while config.js, the
# email adapter and auth/ come from this folder (../parse-server-8/start.sh
# runs the latest Parse Server 8.x so).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
package_dir="$(cd "${PARSE_CONFORMANCE_PACKAGE_DIR:-$here}" && pwd)"
# config.js, smtp-email-adapter.js and auth/ load their packages from here.
export PARSE_CONFORMANCE_PACKAGE_DIR="$package_dir"
cd "$package_dir"

db_name="${PARSE_CONFORMANCE_DB:-parse_conformance}"
db_user=parse_conformance
db_password=parse_conformance
port="${PARSE_CONFORMANCE_PORT:-1337}"

log() { echo "[$(basename "$package_dir") target] $*"; }

# 1. PostgreSQL (PostGIS for the geo queries: 1b below).
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing PostgreSQL from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  log "creating PostgreSQL cluster $version/main"
  pg_createcluster "$version" main >/dev/null
  cluster="$version main"
fi
if ! pg_lsclusters --no-header | awk '{print $4}' | grep -q online; then
  log "starting PostgreSQL cluster $cluster"
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start
  touch "$package_dir/.started-postgres"
fi
as_postgres() { runuser -u postgres -- "$@"; }
for _ in $(seq 1 30); do as_postgres psql -qAt -c 'select 1' >/dev/null 2>&1 && break; sleep 1; done

# Instances left running by an earlier start hold the database open.
"$here/stop.sh" --instances-only >/dev/null

log "creating a fresh database $db_name"
as_postgres psql -q -v ON_ERROR_STOP=1 <<SQL >/dev/null
DROP DATABASE IF EXISTS $db_name;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$db_user') THEN
    CREATE ROLE $db_user LOGIN PASSWORD '$db_password';
  END IF;
END \$\$;
CREATE DATABASE $db_name OWNER $db_user;
SQL

# 1b. PostGIS, for the geo queries ($nearSphere and $centerSphere run
# ST_DistanceSphere in Parse Server's Postgres adapter, which never creates
# the extension itself). Debian's package for the cluster's major version,
# installed only when missing; the extension is enabled in the fresh
# database by the postgres user, before Parse Server connects.
pg_major=${cluster%% *}
if [ ! -f "/usr/share/postgresql/$pg_major/extension/postgis.control" ]; then
  log "installing PostGIS for PostgreSQL $pg_major from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$pg_major-postgis-3" >/dev/null
fi
as_postgres psql -q -v ON_ERROR_STOP=1 -d "$db_name" -c 'CREATE EXTENSION IF NOT EXISTS postgis' >/dev/null

# 2. Parse Server from npm, exactly as package-lock.json pins it.
if [ ! -d node_modules/parse-server ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Uploaded files (config.js filesAdapter) live in files/ (of the package
# folder, the working directory), fresh at each start
# like the database.
rm -rf "$package_dir/files"
mkdir -p "$package_dir/files"

# 3. Start it and three more instances of the same app on the same database, for
# the options that change every sign-up: preventLoginWithUnverifiedEmail
# (port + 1), no email verification (port + 2), and sessions that expire after
# 3 seconds (sessionLength, port + 3); and two for the client keys: every
# key set, each to its own value (port + 4), and none set (port + 5); and one
# that allows only a list of CORS origins (port + 6). Wait for
# /health of each.
# start_instance NAME PORT [ENV=VALUE...]
start_instance() {
  local name=$1 instance_port=$2; shift 2
  local pid_file="$name.pid" log_file="$name.log"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    log "stopping the previous $name"
    kill "$(cat "$pid_file")"; sleep 1
  fi
  # Another server on the port would answer /health below in its place.
  if curl -fsS "http://127.0.0.1:${instance_port}/parse/health" >/dev/null 2>&1; then
    log "port $instance_port is taken by another server; choose others with PARSE_CONFORMANCE_PORT"
    return 1
  fi
  log "starting $name on port $instance_port"
  env "$@" PARSE_CONFORMANCE_PORT="$instance_port" \
    PARSE_CONFORMANCE_DATABASE_URI="postgres://$db_user:$db_password@127.0.0.1:5432/$db_name" \
    nohup node node_modules/parse-server/bin/parse-server "$here/config.js" >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:${instance_port}/parse/health" 2>/dev/null | grep -q '"ok"'; then
      log "ready: http://127.0.0.1:${instance_port}/parse (log: $package_dir/$log_file)"
      return 0
    fi
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then break; fi
    sleep 1
  done
  log "$name did not become healthy; the end of its log:"
  tail -40 "$log_file" >&2
  return 1
}
# Sequentially: each instance creates its tables at start.
start_instance parse-server "$port"
start_instance parse-server-verify-first "$((port + 1))" PARSE_CONFORMANCE_PREVENT_LOGIN_UNVERIFIED=1
start_instance parse-server-no-verification "$((port + 2))" PARSE_CONFORMANCE_VERIFY_USER_EMAILS=0
start_instance parse-server-short-sessions "$((port + 3))" PARSE_CONFORMANCE_SESSION_LENGTH=3
start_instance parse-server-client-keys "$((port + 4))" \
  PARSE_CONFORMANCE_JAVASCRIPT_KEY=parse-conformance-javascript-key \
  PARSE_CONFORMANCE_CLIENT_KEY=parse-conformance-client-key \
  PARSE_CONFORMANCE_DOT_NET_KEY=parse-conformance-windows-key
start_instance parse-server-no-client-keys "$((port + 5))" PARSE_CONFORMANCE_REST_API_KEY=
# A seventh (port + 6) allows only a list of origins for CORS (allowOrigin;
# capability cors-allow-list): the others answer any origin with `*`.
start_instance parse-server-cors-allow-list "$((port + 6))" \
  PARSE_CONFORMANCE_ALLOW_ORIGIN=https://app.example.com,https://admin.example.com
