#!/usr/bin/env bash
# Stops what start.sh started (../parse-server/stop.sh with env.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/env.sh"
exec "$here/../parse-server/stop.sh" "$@"
