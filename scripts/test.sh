#!/usr/bin/env bash
# `npm test`: type-check, then the whole vitest suite.
#
# The database tests run against a real PostgreSQL server. When
# QUARRY_TEST_PG_URL is not set, this uses the throwaway server of
# .ci/postgres.sh (on 127.0.0.1, installed from the distribution's packages if
# missing), starting it first if it is not running and stopping it afterwards
# if it started it. When no server can be had, the PostgreSQL tests fail and
# say how to start one; they never skip. Likewise Chromium for the browser
# test is installed from the distribution when missing and we are root.
set -uo pipefail
cd "$(dirname "$0")/.."

npx tsc --noEmit || exit 1

started=""
if [ -z "${QUARRY_TEST_PG_URL:-}" ]; then
  if url=$(.ci/postgres.sh url 2>/dev/null); then
    export QUARRY_TEST_PG_URL="$url"
  elif out=$(.ci/postgres.sh start); then
    eval "$out"
    started=1
  else
    echo "npm test: could not start PostgreSQL; the database tests will fail (see .ci/postgres.sh)" >&2
  fi
fi
# The review-page browser test drives the distribution's headless Chromium.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" -eq 0 ]; then
  .ci/chromium.sh || echo "npm test: could not install Chromium; the browser test will fail (see .ci/chromium.sh)" >&2
fi

stop_pg() { [ -n "$started" ] && .ci/postgres.sh stop >/dev/null 2>&1; return 0; }
trap stop_pg EXIT

npx vitest run "$@"
