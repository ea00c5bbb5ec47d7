#!/usr/bin/env bash
# Starts the latest Parse Server 8.x (as package-lock.json pins it) for the
# conformance suite, on PostgreSQL: ../parse-server/start.sh with this
# folder's packages (env.sh), so the configuration (config.js, the SMTP email
# adapter, the test auth adapters) is the one Parse Server 9.10.0 runs with.
# npm ci, the logs, pid files and uploaded files are in this folder.
# Stop it with stop.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/env.sh"
exec "$here/../parse-server/start.sh" "$@"
