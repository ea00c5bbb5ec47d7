#!/usr/bin/env bash
# The Parse REST API conformance suite in a backend's CI, as a shell script:
# the same steps as parse-conformance.yml beside it.
#
#   1. install the runner, parse-conformance, pinned (cargo install --locked);
#      it carries the feature files and the JSON Schemas inside;
#   2. start the backend (BACKEND_START), stopped again on exit (BACKEND_STOP);
#   3. run the whole suite against it with its profile;
#   4. keep the reports: junit.xml, summary.md, results.json and the HTML
#      folder html/ (when the runner writes them) are in
#      PARSE_CONFORMANCE_REPORTS, and copied to PARSE_CONFORMANCE_ARTIFACTS
#      when it is set;
#   5. exit with the runner's exit code: 0 when the run passed, 1 when a
#      scenario failed unexpectedly (or, with --strict, passed unexpectedly),
#      2 when it could not run (bad options, a backend that does not answer).
#
# Settings (environment):
#   PARSE_CONFORMANCE_PROFILE    the backend's profile (required), e.g.
#                                conformance/target.toml; see targets/README.md
#   PARSE_CONFORMANCE_INSTALL    what `cargo install --locked` installs;
#                                default: this repository at the suite's tag
#                                (--git URL --tag v0.2.0 parse-conformance);
#                                a commit: --git URL --rev COMMIT parse-conformance;
#                                a checkout: --path DIR/steps
#   PARSE_CONFORMANCE_ROOT       where to install it (cargo install --root);
#                                default: a temporary folder, removed on exit.
#                                A runner already there is used as it is.
#   PARSE_CONFORMANCE_REPORTS    reports folder; default: conformance-reports
#   PARSE_CONFORMANCE_ARTIFACTS  folder to copy the reports to; default: none
#   BACKEND_START                shell command that starts the backend and
#                                returns once it answers; default: none (the
#                                backend runs already)
#   BACKEND_STOP                 shell command that stops it; run on exit
# Arguments are passed to the runner: e.g. --strict, or --tags @users.
set -euo pipefail

: "${PARSE_CONFORMANCE_PROFILE:?set PARSE_CONFORMANCE_PROFILE to the profile of the backend, see targets/README.md}"
install="${PARSE_CONFORMANCE_INSTALL:---git https://github.com/parse-conformance/parse-conformance --tag v0.2.0 parse-conformance}"
reports="${PARSE_CONFORMANCE_REPORTS:-conformance-reports}"

cleanup() {
  if [ -n "${BACKEND_STOP:-}" ]; then
    bash -c "$BACKEND_STOP" || true
  fi
  if [ -n "${temporary_root:-}" ]; then
    rm -rf "$temporary_root"
  fi
}
trap cleanup EXIT

root="${PARSE_CONFORMANCE_ROOT:-}"
if [ -z "$root" ]; then
  temporary_root="$(mktemp -d)"
  root="$temporary_root"
fi
runner="$root/bin/parse-conformance"

echo "== install the runner: cargo install --locked $install --root $root"
if [ -x "$runner" ]; then
  echo "(already installed)"
else
  started=$SECONDS
  # shellcheck disable=SC2086 # the install arguments are words on purpose
  cargo install --locked --quiet $install --root "$root"
  echo "installed in $((SECONDS - started)) s"
fi
"$runner" --version

if [ -n "${BACKEND_START:-}" ]; then
  echo "== start the backend: $BACKEND_START"
  started=$SECONDS
  bash -c "$BACKEND_START"
  echo "started in $((SECONDS - started)) s"
fi

echo "== run the suite: $runner --profile $PARSE_CONFORMANCE_PROFILE --reports $reports $*"
status=0
started=$SECONDS
"$runner" --profile "$PARSE_CONFORMANCE_PROFILE" --reports "$reports" --color never "$@" || status=$?

echo "== reports"
for kept in junit.xml summary.md results.json html; do
  if [ -e "$reports/$kept" ]; then
    echo "$reports/$kept"
    if [ -n "${PARSE_CONFORMANCE_ARTIFACTS:-}" ]; then
      mkdir -p "$PARSE_CONFORMANCE_ARTIFACTS"
      cp -R "$reports/$kept" "$PARSE_CONFORMANCE_ARTIFACTS/"
    fi
  fi
done
echo "the runner exited with $status after $((SECONDS - started)) s"
exit "$status"
