#!/usr/bin/env bash
# A throw-away PostgreSQL server for the benchmark, in bench/work/pg (git-ignored):
#   bench/pg.sh start   prints the port; bench/pg.sh stop
# Authentication: scram-sha-256 over TCP, peer on the socket; the superuser's random password is in
# bench/work/pg/password and bench/work/pg/pgpass (mode 0600; export PGPASSFILE=... for psql).
# Same settings as the test server (toggl-sync-app/src/test/java/dev/togglsync/testing/PostgresServer.java):
# durability off (fsync, synchronous_commit, full_page_writes), because the data is disposable.
# Under root the binaries run as the 'postgres' system user (initdb refuses root).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root="$here/work/pg"
data="$root/data"
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -f "$root/port" ] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      cat "$root/port"; exit 0
    fi
    rm -rf "$root"; mkdir -p "$root"; chmod 700 "$root"
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$root/password")
    [ "$(id -u)" -eq 0 ] && chown postgres "$root" "$root/password"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth-host=scram-sha-256 --auth-local=peer \
      --pwfile="$root/password" -E UTF8 --locale=C --no-sync >/dev/null
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    (umask 077; echo "127.0.0.1:$port:*:postgres:$(cat "$root/password")" > "$root/pgpass")
    as_pg tee -a "$data/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$root'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
max_wal_size = 4GB
max_connections = 20
CONF
    as_pg "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 start >/dev/null
    echo "$port" > "$root/port"
    PGPASSFILE="$root/pgpass" psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE bench" >/dev/null
    echo "$port"
    ;;
  stop)
    [ -d "$data" ] && as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: bench/pg.sh start|stop" >&2; exit 2 ;;
esac
