#!/usr/bin/env bash
# Debian packages the project needs, installed only when missing.
#   base: Python venv support and npm (for `make demo`)
#   test: also Debian's Chromium (browser tests), fonts with Vietnamese glyphs, PostgreSQL 15
#   bench: also wrk (the load generator of the public-submission benchmark)
set -euo pipefail
mode=${1:-base}
need=()
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
command -v npm >/dev/null || need+=(npm)
# WeasyPrint (certificates as PDF) draws text with Pango.
ldconfig -p | grep -q libpangoft2-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "$mode" = test ] || [ "$mode" = bench ]; then
  command -v chromium >/dev/null || need+=(chromium)
  [ -e /usr/share/fonts/truetype/liberation2 ] || need+=(fonts-liberation2)
  [ -e /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
  [ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql-15 postgresql-contrib-15)
fi
if [ "$mode" = bench ]; then
  command -v wrk >/dev/null || need+=(wrk)
fi
[ ${#need[@]} -eq 0 ] && exit 0
echo "Cài gói Debian: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Cần quyền root để cài: apt-get install ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# A package's own service must not start: tests start PostgreSQL themselves where none runs.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
