#!/usr/bin/env bash
# `npm test`: every test. Unit, GraphQL and integration suites run on PGlite and on a PostgreSQL
# the harness starts; the live-socket and browser suites share one production build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p .tmp
# no phoning home from tests (this machine has no internet anyway)
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-postgres.sh
bash scripts/ensure-redis.sh
bash scripts/ensure-chromium.sh
bash scripts/ensure-speech.sh

echo "== types"
npx tsc --noEmit -p .

echo "== generated client types are current"
bash scripts/check-codegen.sh

echo "== production build (shared by the live and browser suites)"
npx next build > .tmp/next-build.log 2>&1 || { cat .tmp/next-build.log; exit 1; }

status=0
echo "== vitest: unit, GraphQL, integration (PGlite + PostgreSQL), live sockets"
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json || status=$?

echo "== playwright: the inbox in Chromium"
PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/playwright.json npx playwright test --reporter=list,json || status=$?

node scripts/test-summary.mjs .tmp/vitest.json .tmp/playwright.json || true
exit $status
