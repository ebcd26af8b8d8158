#!/usr/bin/env bash
# `npm test`: typecheck, lint, the suite on SQLite, then the same suite on Postgres
# (TEST_DATABASE_URL; each test file's app gets a database of its own). The Postgres pass
# is skipped, with a message, only outside CI when no Postgres can be started or installed.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run typecheck
npm run lint

echo "== suite on SQLite"
SQLITE_START=$SECONDS
TEST_DATABASE_URL= npx vitest run
echo "== SQLite pass took $((SECONDS - SQLITE_START)) s"

status=0
bash scripts/postgres-ensure.sh || status=$?
if [ "$status" -eq 2 ]; then
  echo "== SKIPPED the suite on Postgres: no Postgres could be started or installed here (CI would fail instead)" >&2
  exit 0
fi
[ "$status" -eq 0 ] || exit "$status"

echo "== suite on Postgres"
PG_START=$SECONDS
TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/test}" npx vitest run
echo "== Postgres pass took $((SECONDS - PG_START)) s"
