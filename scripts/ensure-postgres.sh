#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries and the `postgres` system user exist, so
# tests/harness/postgres.ts can start throwaway servers. PostgreSQL refuses to
# run as root (and CI runs as root), hence the dedicated user.
# Idempotent and silent when everything is already there.
set -euo pipefail

# apt with bounds (apt_get, apt_install): a mirror that stops answering fails this script instead of hanging CI
source "$(dirname "${BASH_SOURCE[0]}")/apt-get-bounded.sh"

find_initdb() {
  command -v initdb 2>/dev/null && return
  ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n1
}

initdb_path="$(find_initdb || true)"
if [ -z "$initdb_path" ]; then
  apt_install postgresql
  initdb_path="$(find_initdb)"
fi

# Debian keeps the server binaries off PATH (/usr/lib/postgresql/N/bin); link them
# so `initdb`/`postgres` work by name, as on the developers' machines. The harness
# also searches /usr/lib/postgresql itself, so this is a convenience.
if ! command -v initdb >/dev/null && [ "$(id -u)" -eq 0 ]; then
  for b in initdb pg_ctl postgres; do ln -sf "$(dirname "$initdb_path")/$b" "/usr/local/bin/$b"; done
fi

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  if getent group postgres >/dev/null; then group=(-g postgres); else group=(--user-group); fi
  useradd --system --no-create-home "${group[@]}" --shell /usr/sbin/nologin postgres
fi
