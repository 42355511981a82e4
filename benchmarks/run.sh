#!/usr/bin/env bash
# Benchmark on a fresh database: benchmarks/run.sh [sqlite|postgres|all] [--generate-only|--reuse]
# (default all; --generate-only makes the data, --reuse measures the database made earlier).
# SQLite: var/bench/bench.sqlite3 (WAL, the project's settings). PostgreSQL: database danvan_bench
# on 127.0.0.1:5432, or on the server scripts/ensure-postgres.sh starts when none answers there.
# Writes benchmarks/RESULTS.md and var/bench/results-<db>.json; see benchmarks/README.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
case "${1:-all}" in
  sqlite|postgres|all) ;;
  *) echo "usage: $0 [sqlite|postgres|all] [--generate-only|--reuse]" >&2; exit 2 ;;
esac
mkdir -p var/bench
# One benchmark at a time on this machine: other harnesses may take the same lock
# (flock var/bench/.lock). A whole run is ~15-25 minutes per database; never let it hang for ever.
exec flock -w 3600 var/bench/.lock timeout --signal=TERM 5400 .venv/bin/python benchmarks/run.py "${1:-all}" "${@:2}"
