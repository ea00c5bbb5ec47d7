# Sourced by start.sh, stop.sh and report.sh: the scripts of
# ../parse-server run with this folder as their package folder (its
# package.json and package-lock.json pin the latest Parse Server 8.x), and
# with defaults that let it run beside Parse Server 9.10.0: ports 1437 to
# 1443, database parse_conformance_8, mail to the runner's SMTP sink on
# 2625, as target.toml says. PARSE_CONFORMANCE_PORT, PARSE_CONFORMANCE_DB and
# PARSE_CONFORMANCE_SMTP_PORT change them.
PARSE_CONFORMANCE_PACKAGE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PARSE_CONFORMANCE_PACKAGE_DIR
export PARSE_CONFORMANCE_PORT="${PARSE_CONFORMANCE_PORT:-1437}"
export PARSE_CONFORMANCE_DB="${PARSE_CONFORMANCE_DB:-parse_conformance_8}"
export PARSE_CONFORMANCE_SMTP_PORT="${PARSE_CONFORMANCE_SMTP_PORT:-2625}"
