#!/usr/bin/env bash
# Regenerates the committed migrations of both dialects: SQLite from src/store/schema,
# Postgres from src/store/schema/pg. Nothing has shipped yet, so each dialect keeps a single
# initial migration; once a release ships, drop the `rm` and let drizzle-kit add new ones.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/store/migrations/sqlite src/store/migrations/postgres
npx drizzle-kit generate --config drizzle.config.ts --name initial
npx drizzle-kit generate --config drizzle.postgres.config.ts --name initial
