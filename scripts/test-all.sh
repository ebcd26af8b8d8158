#!/usr/bin/env bash
# `npm test`: typecheck, lint, the layer rules (.dependency-cruiser.cjs), unused code and
# dependencies (knip), the suite on SQLite, then again on Postgres every test file whose
# outcome depends on the database (scripts/database-test-files.ts: TEST_DATABASE_URL; each app
# a test starts gets a database of its own). Both passes run
# even when the first fails, so one run tells about both databases. The Postgres pass is
# skipped, with a message, only outside CI when no Postgres can be started or installed.
set -uo pipefail
cd "$(dirname "$0")/.."

npm run typecheck || exit 1
npm run lint || exit 1
npm run lint:layers || exit 1
npm run lint:unused || exit 1

echo "== suite on SQLite"
start=$SECONDS
TEST_DATABASE_URL= npx vitest run
sqlite_status=$?
echo "== SQLite pass: $((SECONDS - start)) s, exit $sqlite_status"

ensure_status=0
bash scripts/postgres-ensure.sh || ensure_status=$?
if [ "$ensure_status" -eq 2 ]; then
  echo "== SKIPPED the suite on Postgres: no Postgres could be started or installed here (CI would fail instead)" >&2
  exit "$sqlite_status"
fi
if [ "$ensure_status" -ne 0 ]; then
  echo "== Postgres is required in CI and could not be made ready" >&2
  exit 1
fi

database_files=$(npx tsx scripts/database-test-files.ts) || database_files=""
echo "== suite on Postgres ($(echo "$database_files" | grep -c . ) files that use the database; the others open none or a SQLite file of their own)"
start=$SECONDS
# shellcheck disable=SC2086 # one path per word
TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/test}" npx vitest run $database_files
postgres_status=$?
echo "== Postgres pass: $((SECONDS - start)) s, exit $postgres_status"

[ "$sqlite_status" -eq 0 ] && [ "$postgres_status" -eq 0 ]
