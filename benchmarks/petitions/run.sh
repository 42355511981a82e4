#!/usr/bin/env bash
# Petitions benchmark at province scale: benchmarks/petitions/run.sh [sqlite|postgres|all] [--reuse]
# 65 communes, 1,000,000 petitions; results in benchmarks/RESULTS-petitions.md (see run.py).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mkdir -p var/bench
scripts/install-system-deps.sh bench
# Generating a million petitions takes 10-25 minutes per database on 2 shared cores; the whole
# run is capped at three hours.
exec timeout --signal=TERM 10800 .venv/bin/python benchmarks/petitions/run.py "$@"
