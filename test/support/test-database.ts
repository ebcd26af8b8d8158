import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migratePostgres } from '../../src/store/postgres-database.js';
import { databaseUrl, withAdmin } from '../../scripts/support/postgres-admin.js';

/**
 * The database a test runs the app on. With TEST_DATABASE_URL (postgres://...) set, a
 * fresh Postgres database created for it from that admin connection and dropped after;
 * otherwise a SQLite file in the test's temp folder. Tests never learn which one they got.
 */
export interface TestDatabase {
  /** The DATABASE_URL to give the app. */
  url: string;
  dialect: 'sqlite' | 'postgres';
  /** Drops a Postgres database (the temp folder takes the SQLite file with it). */
  drop(): Promise<void>;
}

export function testPostgresUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim();
  return url && /^postgres(ql)?:\/\//i.test(url) ? url : undefined;
}

/** A fresh, empty database for one app; `dir` is the test's temp folder (for SQLite). */
export async function createTestDatabase(dir: string, fileName = 'frontdoor.db'): Promise<TestDatabase> {
  const admin = testPostgresUrl();
  if (!admin) return { url: join(dir, fileName), dialect: 'sqlite', drop: async () => undefined };
  const name = `frontdoor_test_${randomBytes(6).toString('hex')}`;
  const copy = async () => withAdmin(admin, async (client) => { await client.query(`create database ${name} template ${await migratedTemplate(admin)}`); });
  await copy().catch(async (error: unknown) => {
    // A run on other migrations replaced the template since this process looked it up.
    if ((error as { code?: string }).code !== '3D000') throw error;
    template = undefined;
    await copy();
  });
  let dropped = false;
  // Durability is not under test: not waiting for each commit's WAL flush keeps a
  // transaction-heavy suite fast on a busy machine, and changes nothing the tests can see.
  const url = new URL(databaseUrl(admin, name));
  url.searchParams.set('options', '-c synchronous_commit=off');
  return {
    url: url.toString(),
    dialect: 'postgres',
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(admin, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

const migrationsFolder = new URL('../../src/store/migrations/postgres/', import.meta.url);
let template: Promise<string> | undefined;

/**
 * A database with the committed migrations applied, named by their hash, that test
 * databases are copied from: copying is much cheaper than migrating every one. Built once
 * per migration set, under an advisory lock so parallel test workers build it once.
 */
function migratedTemplate(admin: string): Promise<string> {
  template ??= withAdmin(admin, async (client) => {
    const name = `frontdoor_template_${migrationsHash()}`;
    await client.query('select pg_advisory_lock($1)', [templateLock]);
    try {
      const existing = await client.query<{ datname: string }>("select datname from pg_database where datname like 'frontdoor\\_template\\_%'");
      if (existing.rows.some((r) => r.datname === name)) return name;
      const building = `${name}_building`;
      await client.query(`drop database if exists ${building} with (force)`);
      await client.query(`create database ${building}`);
      await migratePostgres(databaseUrl(admin, building));
      await client.query(`alter database ${building} rename to ${name}`);
      for (const { datname } of existing.rows) await client.query(`drop database if exists ${datname} with (force)`);
      return name;
    } finally {
      await client.query('select pg_advisory_unlock($1)', [templateLock]);
    }
  });
  return template;
}

const templateLock = 4_649_100;

function migrationsHash(): string {
  const hash = createHash('sha256');
  const walk = (folder: URL) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) walk(new URL(`${entry.name}/`, folder));
      else hash.update(entry.name).update(readFileSync(new URL(entry.name, folder)));
    }
  };
  walk(migrationsFolder);
  return hash.digest('hex').slice(0, 16);
}
