#!/usr/bin/env bash
# Make sure the real servers the tests use are up: PostgreSQL on 127.0.0.1:5432
# (database `test`, trust auth), Redis on 127.0.0.1:6379 and Debian's Chromium
# for browser tests, poppler-utils for the report's PDF.
# On a machine that runs them already this does nothing; on a fresh Debian
# machine it installs and starts them.
set -euo pipefail

need_apt_update=1
apt_install() {
  if [ "$need_apt_update" = 1 ]; then apt-get update -qq; need_apt_update=0; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql
  fi
  ver=$(ls /etc/postgresql | head -n1)
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
# The tests connect as postgres over TCP to database `test`.
if ! psql -h 127.0.0.1 -U postgres -d test -c 'select 1' >/dev/null 2>&1; then
  su postgres -c "createdb test" 2>/dev/null || true
  hba=$(su postgres -c "psql -tAc 'show hba_file'")
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    su postgres -c "psql -c 'select pg_reload_conf()'" >/dev/null
  fi
fi

# Replicas share retry de-duplication and rate limits through Redis (tests/test_shared_memory.py).
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server redis-tools
  fi
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

# pdftoppm and pdftotext: the board report's PDF is rendered and read back (tests/test_board_report.py).
if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  apt_install poppler-utils
fi

# Third-party clients the browser tests drive (tests/node/package.json, pinned by its lock):
# the Microsoft 365 Agents Playground and axe-core, installed into tests/node/node_modules.
if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
node_dir="$(dirname "$0")/../tests/node"
if [ ! -f "$node_dir/node_modules/.package-lock.json" ] || \
   [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]; then
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
