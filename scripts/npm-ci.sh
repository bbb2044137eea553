#!/usr/bin/env bash
# Installs the locked dependencies so that a slow or stuck registry cannot stall CI: the local
# cache first (--prefer-offline), every fetch bounded with retries, the whole install bounded
# (NPM_CI_TIMEOUT seconds, default 600) and tried once more; a clear message and a non-zero exit
# when it still fails.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

limit="${NPM_CI_TIMEOUT:-600}"
attempts="${NPM_CI_ATTEMPTS:-2}"
npm_cmd="${NPM:-npm}"
args=(ci --no-audit --no-fund --prefer-offline
  --fetch-timeout=60000 --fetch-retries=3
  --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=20000)

for attempt in $(seq 1 "$attempts"); do
  echo "npm-ci: attempt $attempt of $attempts (at most ${limit}s)" >&2
  # --kill-after: a hung npm that ignores SIGTERM is killed 15 s later
  timeout --kill-after=15 "$limit" "$npm_cmd" "${args[@]}"
  status=$?
  [ "$status" -eq 0 ] && exit 0
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "npm-ci: npm ci did not finish within ${limit}s (the registry answered too slowly or not at all)." >&2
  else
    echo "npm-ci: npm ci failed with exit code $status." >&2
  fi
done

echo "npm-ci: installing dependencies failed after $attempts attempts. Check the network and the registry (npm config get registry: $("$npm_cmd" config get registry 2>/dev/null || echo unknown)), then run .ci/run again." >&2
exit 1
