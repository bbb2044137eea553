#!/usr/bin/env bash
# Fails when schema.graphql or graphql-client/ differ from what the code generates.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
before=$(mktemp -d)
cp schema.graphql "$before/schema.graphql"
[ -d graphql-client ] && cp -r graphql-client "$before/graphql-client"
npx tsx scripts/print-schema.ts
npx graphql-codegen --config codegen.ts --silent > /dev/null
drift=0
cmp -s schema.graphql "$before/schema.graphql" || { echo "schema.graphql is out of date: run npm run schema:print and commit it."; drift=1; }
if [ -d graphql-client ]; then
  diff -r graphql-client "$before/graphql-client" > /dev/null 2>&1 || { echo "graphql-client/ is out of date: run npm run codegen and commit it."; drift=1; }
fi
rm -rf "$before"
exit $drift
