#!/usr/bin/env bash
# Adds the next migration of both dialects from the schema (SQLite from src/store/schema,
# Postgres from src/store/schema/pg), under one name:
#   npm run db:generate -- --name add_fulfilment_queue
# Migrations already committed are never rewritten; a change that must move rows (a table
# renamed or split) gets its copy statements added by hand to both generated files, between
# the new tables' creation and the old ones' drop.
set -euo pipefail
cd "$(dirname "$0")/.."
name=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --name) name="${2:-}"; shift 2 ;;
    --name=*) name="${1#--name=}"; shift ;;
    *) echo "unknown argument: $1 (usage: db-generate.sh --name <snake_case_name>)" >&2; exit 2 ;;
  esac
done
if [[ ! "$name" =~ ^[a-z0-9_]+$ ]]; then
  echo "usage: db-generate.sh --name <snake_case_name>" >&2
  exit 2
fi
npx drizzle-kit generate --config drizzle.config.ts --name "$name"
npx drizzle-kit generate --config drizzle.postgres.config.ts --name "$name"
