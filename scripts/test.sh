#!/usr/bin/env bash
# The whole check: lint, types, import contracts, migrations, then the suite on SQLite and on
# PostgreSQL (browser tests included). `scripts/test.sh lint` stops after the static checks.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PWD/.venv/bin:$PATH
export DANVAN_VAR_DIR=${DANVAN_VAR_DIR:-$PWD/var}
mkdir -p "$DANVAN_VAR_DIR"

echo "== ruff, mypy, import contracts, migrations"
ruff check .
ruff format --check .
mypy danvan
lint-imports
danvan makemigrations --check --dry-run >/dev/null
[ "${1:-}" = lint ] && exit 0

echo "== tests on SQLite"
DANVAN_DATABASE_URL=sqlite:///var/test.sqlite3 pytest "$@"

echo "== tests on PostgreSQL"
DANVAN_DATABASE_URL=$(scripts/ensure-postgres.sh) DANVAN_TEST_DATABASE_NAME="test_danvan_$$" pytest "$@"
