#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the database tests (issue 8).
#
#   .ci/postgres.sh start   # installs the server from Debian packages if missing,
#                           # starts it, creates database quarry_test, prints
#                           # `export QUARRY_TEST_PG_URL=...` and writes the URL to $QUARRY_PG_DIR/url
#   .ci/postgres.sh stop    # stops it and removes its data directory
#   .ci/postgres.sh url     # prints the URL of the running server
#
# Settings (environment): QUARRY_PG_DIR (default /tmp/quarry-pg), QUARRY_PG_PORT
# (default 54329; the next free port is taken when it is busy).
#
# The cluster accepts connections only on 127.0.0.1 and its own socket folder,
# with `trust` authentication: it holds test data only and is deleted on stop.
# PostgreSQL refuses to run as root, so as root the server runs as the
# `postgres` system user (created by the Debian package) or, failing that, `nobody`.
set -euo pipefail

DIR="${QUARRY_PG_DIR:-/tmp/quarry-pg}"
PORT="${QUARRY_PG_PORT:-54329}"
DB=quarry_test
SUPERUSER=postgres

log() { echo "postgres.sh: $*" >&2; }

# Finds the server binaries: on PATH, else the newest Debian-style install,
# else installs the distribution's package.
find_bindir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ] && [ -x "$d/pg_ctl" ]; then
    echo "$d"
    return
  fi
  if command -v apt-get >/dev/null 2>&1; then
    log "installing postgresql from the distribution's packages"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$d" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return
    fi
  fi
  log "no PostgreSQL server found and it could not be installed (need initdb and pg_ctl)"
  exit 1
}

# The user the server runs as: the caller, unless the caller is root.
server_user() {
  if [ "$(id -u)" -ne 0 ]; then
    id -un
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    echo nobody
  fi
}

as_server_user() {
  local user="$1"
  shift
  if [ "$(id -un)" = "$user" ]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$user" -- "$@"
  else
    su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
  fi
}

port_busy() {
  # bash's /dev/tcp connects only when something listens there.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1
}

url_for() { echo "postgres://$SUPERUSER@127.0.0.1:$1/$DB"; }

running() {
  [ -f "$DIR/port" ] && [ -f "$DIR/data/postmaster.pid" ] || return 1
  local bindir user
  bindir="$(find_bindir)"
  user="$(server_user)"
  as_server_user "$user" "$bindir/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
  if running; then
    local url
    url="$(url_for "$(cat "$DIR/port")")"
    log "already running at $url"
    echo "export QUARRY_TEST_PG_URL=$url"
    return
  fi
  local bindir user
  bindir="$(find_bindir)"
  user="$(server_user)"
  while port_busy "$PORT"; do PORT=$((PORT + 1)); done

  rm -rf "$DIR"
  mkdir -p "$DIR/data" "$DIR/socket"
  [ "$(id -u)" -eq 0 ] && chown -R "$user" "$DIR"
  chmod 700 "$DIR/data"
  # A temp dir under a root-only parent would stop the server user reaching it.
  chmod 755 "$DIR"

  as_server_user "$user" "$bindir/initdb" -D "$DIR/data" -U "$SUPERUSER" -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 ||
    as_server_user "$user" "$bindir/initdb" -D "$DIR/data" -U "$SUPERUSER" -A trust -E UTF8 --locale=C --no-sync >"$DIR/initdb.log" 2>&1 || {
    cat "$DIR/initdb.log" >&2
    exit 1
  }
  # fsync off: a test cluster that dies is simply recreated, and it makes the suite faster.
  as_server_user "$user" "$bindir/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || {
    cat "$DIR/server.log" >&2
    exit 1
  }
  echo "$PORT" >"$DIR/port"
  local createdb="$bindir/createdb"
  [ -x "$createdb" ] || createdb="$(command -v createdb)"
  as_server_user "$user" "$createdb" -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" "$DB"
  local url
  url="$(url_for "$PORT")"
  echo "$url" >"$DIR/url"
  chmod 644 "$DIR/url"
  log "PostgreSQL running at $url (data in $DIR/data, log $DIR/server.log)"
  echo "export QUARRY_TEST_PG_URL=$url"
}

stop() {
  if [ ! -d "$DIR/data" ]; then
    log "not running (no $DIR/data)"
    return
  fi
  local bindir user
  bindir="$(find_bindir)"
  user="$(server_user)"
  as_server_user "$user" "$bindir/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
  rm -rf "$DIR"
  log "stopped"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
url)
  if running; then url_for "$(cat "$DIR/port")"; else
    log "not running; start it with .ci/postgres.sh start"
    exit 1
  fi
  ;;
*)
  echo "usage: $0 start|stop|url" >&2
  exit 2
  ;;
esac
