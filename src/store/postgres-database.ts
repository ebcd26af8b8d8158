import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as pgTables from './schema/pg/index.js';

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations/postgres');

/**
 * Advisory lock keys (any fixed bigints). Every Frontdoor process on the database takes the
 * migration lock around `migrate`, so replicas that start together apply the migrations
 * once; a transaction that keeps conflicting runs again holding the conflict lane, so such
 * transactions take turns instead of aborting each other.
 */
export const advisoryLocks = { migrate: 4_649_001, conflictLane: 4_649_003 } as const;

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function openPool(url: string, size: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: size, connectionTimeoutMillis: 10_000, application_name: 'frontdoor' });
  // An idle connection dropped by the server must not end the process; the next query
  // on the pool gets a fresh connection or a proper error.
  pool.on('error', () => undefined);
  return pool;
}

/** Applies the committed migrations once, under the migration lock, on a connection of its own. */
export async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'frontdoor-migrate' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [advisoryLocks.migrate]);
    try {
      await migrate(drizzle(client, { schema: pgTables }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [advisoryLocks.migrate]);
    }
  } finally {
    await client.end();
  }
}
