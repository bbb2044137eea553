#!/usr/bin/env bash
# Makes sure redis-server exists, so tests/harness/redis.ts can start throwaway servers for the
# shared (REDIS_URL) rate limits. Idempotent and silent when it is already there.
set -euo pipefail

# apt with bounds (apt_get, apt_install): a mirror that stops answering fails this script instead of hanging CI
source "$(dirname "${BASH_SOURCE[0]}")/apt-get-bounded.sh"

if command -v redis-server >/dev/null 2>&1; then exit 0; fi
# the package's own service is not needed (and there is no init system in CI): tests start their own
apt_install --no-install-recommends redis-server
