import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

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
  await adminQuery(admin, `create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    dialect: 'postgres',
    async drop() {
      if (dropped) return;
      dropped = true;
      await adminQuery(admin, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
