#!/usr/bin/env bash
# pg-cluster.sh — a throwaway PostgreSQL server for the test suites.
#
#   eval "$(tests/pg-cluster.sh start)"   # exports QF_PG_DIR and QF_PG_URI
#   tests/pg-cluster.sh stop "$QF_PG_DIR"
#
# The server listens on a Unix socket in a temporary folder only, trusts
# whoever reaches that socket, and never on the network. Run as root (as CI
# runs), it runs as an unprivileged user: PostgreSQL refuses root.
set -euo pipefail

bin=${QF_PG_BIN:-/usr/lib/postgresql/15/bin}

server_user () {
  if [ "$(id -u)" != 0 ]; then id -un
  elif id postgres >/dev/null 2>&1; then echo postgres
  else echo nobody
  fi
}

as_server () {
  if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

start () {
  user=$(server_user)
  [ -x "$bin/initdb" ] || { echo "pg-cluster: no $bin/initdb (package postgresql-15)" >&2; exit 1; }
  # Short: a socket's path must stay under 108 bytes.
  dir=$(mktemp -d /tmp/qf-pg.XXXXXX)
  chmod 0755 "$dir"
  [ "$(id -u)" = 0 ] && chown "$user:" "$dir"
  cd "$dir"   # the server user may not read the caller's folder
  # C.UTF-8: text compares byte by byte, as SQLite's does.
  as_server "$bin/initdb" -D "$dir/data" -U qf_admin --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 60
CONF
  # One login asks for its password (test-store-server's /store-server/password).
  printf 'local all qf_pw_login scram-sha-256\nlocal all all trust\n' >"$dir/data/pg_hba.conf"
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -U qf_admin -d postgres \
    -c "CREATE DATABASE qingfeng_test ENCODING 'UTF8' TEMPLATE template0" >&2
  echo "export QF_PG_DIR='$dir'"
  echo "export QF_PG_URI='postgresql:///qingfeng_test?host=$dir&user=qf_admin'"
}

stop () {
  dir=${1:-}
  case $dir in /tmp/qf-pg.*) ;; *) echo "pg-cluster: not a test server: '$dir'" >&2; exit 1;; esac
  [ -d "$dir/data" ] || exit 0
  user=$(stat -c %U "$dir/data")
  cd /
  as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf -- "$dir"
}

case ${1:-} in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
