import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseUrl, withAdmin } from '../support/postgres-admin.js';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A SQLite file in a temp folder of its own. */
export function sqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-bench-'));
  return { url: join(dir, 'frontdoor.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh, empty Postgres database created through the admin connection; the server
 * processes migrate it as in production (the first under the advisory lock, the others wait).
 */
export async function postgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `frontdoor_bench_${randomBytes(5).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${name}`));
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => withAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
