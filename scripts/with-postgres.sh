#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server:
#   bash scripts/with-postgres.sh npx vitest run test/server
# Finds initdb/pg_ctl (PATH, then the newest /usr/lib/postgresql/*/bin), creates a cluster in
# a temp dir, starts it on a free 127.0.0.1 port (unix socket in the temp dir too), creates
# the database `contacts_test`, runs the command with TEST_DATABASE_URL (and DATABASE_URL)
# exported, then stops the server and removes the dir, whatever happens. As root, the server
# runs as the `postgres` user (initdb refuses root).
#
# The cluster is disposable, so it runs without fsync (tests and benchmarks measure the
# server, not the disk). WITH_POSTGRES_DURABLE=1 keeps PostgreSQL's durable defaults.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

pg_bin_dir() {
  local dir
  # PATH entries are often symlinks (/usr/local/bin/initdb): use the folder they point into.
  for dir in "$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || echo /nonexistent)")")" \
             $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -Vr); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/createdb" ]; then
      echo "$dir"
      return
    fi
  done
  echo "with-postgres: initdb/pg_ctl not found (install Debian's postgresql package)" >&2
  exit 1
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

BIN=$(pg_bin_dir)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/with-postgres.XXXXXX")
DATA="$TMP/data"
PORT=$(free_port)

# Runs a PostgreSQL program as the cluster's owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cleanup() {
  local status=$?
  as_owner "$BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  chown postgres "$TMP"
fi
chmod 700 "$TMP"

as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$TMP/initdb.log" 2>&1 || {
  cat "$TMP/initdb.log" >&2
  exit 1
}

SETTINGS="-c listen_addresses=127.0.0.1 -p $PORT -k $TMP -c max_connections=200"
if [ "${WITH_POSTGRES_DURABLE:-0}" != "1" ]; then
  SETTINGS="$SETTINGS -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
as_owner "$BIN/pg_ctl" -D "$DATA" -o "$SETTINGS" -l "$TMP/server.log" -w -t 60 start >/dev/null || {
  cat "$TMP/server.log" >&2
  exit 1
}
as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres contacts_test

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/contacts_test"
export DATABASE_URL="$TEST_DATABASE_URL"
echo "with-postgres: $("$BIN/postgres" --version) at $TEST_DATABASE_URL" >&2
"$@"
