#!/usr/bin/env bash
# Print a PostgreSQL URL for the tests: the server on 127.0.0.1:5432 when it answers, otherwise
# our own server (Debian's postgresql-15) on a free loopback port with its data under var/pg.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "postgres://postgres@127.0.0.1:5432/danvan"
  exit 0
fi
bin=/usr/lib/postgresql/15/bin
data=$root/var/pg
port_file=$data/port
if [ -f "$port_file" ] && pg_isready -q -h 127.0.0.1 -p "$(cat "$port_file")"; then
  echo "postgres://postgres@127.0.0.1:$(cat "$port_file")/danvan"
  exit 0
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run=(); [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
mkdir -p "$data"
[ "$(id -u)" -eq 0 ] && chown postgres "$data" "$root/var"
if [ ! -f "$data/PG_VERSION" ]; then
  "${run[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
"${run[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k /tmp -c fsync=off -c synchronous_commit=off" start >/dev/null
echo "$port" > "$port_file"
echo "postgres://postgres@127.0.0.1:$port/danvan"
