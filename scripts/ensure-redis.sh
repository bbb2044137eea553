#!/usr/bin/env bash
# Makes sure redis-server exists, so tests/harness/redis.ts can start throwaway servers for the
# shared (REDIS_URL) rate limits. Idempotent and silent when it is already there.
set -euo pipefail

# apt with bounds (apt_get): a mirror that stops answering fails this script instead of hanging CI
source "$(dirname "${BASH_SOURCE[0]}")/apt-get-bounded.sh"

if command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-redis: redis-server not installed; run as root or: sudo apt-get install -y redis-server" >&2
  exit 1
fi
echo "ensure-redis: installing redis-server via apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt_get update -qq
# the package's own service is not needed (and there is no init system in CI): tests start their own
apt_get install -y -qq --no-install-recommends redis-server >/dev/null
