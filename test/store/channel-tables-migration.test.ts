import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as sqliteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type Store } from '../../src/store/store.js';
import { openStore } from '../../src/store/open-store.js';
import { databaseUrl, withAdmin } from '../../scripts/support/postgres-admin.js';
import { testPostgresUrl } from '../support/test-database.js';

const dir = mkdtempSync(join(tmpdir(), 'frontdoor-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The committed migrations of a dialect up to and including `lastIdx`, as a folder of their own. */
function migrationsUpTo(dialect: 'sqlite' | 'postgres', lastIdx: number): string {
  const folder = join(dir, `${dialect}-upto-${lastIdx}-${randomBytes(3).toString('hex')}`);
  cpSync(new URL(`../../src/store/migrations/${dialect}/`, import.meta.url), folder, { recursive: true });
  const journalFile = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ idx: number }> };
  journal.entries = journal.entries.filter((e) => e.idx <= lastIdx);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

/** What a Slack deployment had in its Slack-only tables before 0001 (SQL for both dialects). */
const slackRows = (q: string, json: (value: unknown) => string, yes: string) => [
  `insert into ${q}slack_event_receipts${q} values ('Ev1', 1000, null, null, null, 1001), ('Ev2', 2000, ${json({ event_id: 'Ev2' })}, 'replica-a', 9000, null)`,
  `insert into ${q}slack_messages${q} values ('D1', '1700000000.000100', 'approval', 'appr-1', 'dana.lee@example.com', 'REQ-1001', ${json({ kind: 'approval', approvalId: 'appr-1' })}, ${yes}, 3000)`,
  `insert into ${q}slack_users${q} values ('U1', 'dana.lee@example.com', 4000), ('UBOT', null, 5000)`,
];

async function expectMovedRows(store: Store): Promise<void> {
  expect(await store.read.channelIdentities.find('slack', 'U1')).toEqual({ channel: 'slack', externalId: 'U1', personId: 'dana.lee@example.com', fetchedAt: 4000 });
  expect(await store.read.channelIdentities.find('slack', 'UBOT')).toEqual({ channel: 'slack', externalId: 'UBOT', personId: null, fetchedAt: 5000 });
  expect(await store.read.channelIdentities.ofPerson('slack', 'dana.lee@example.com')).toMatchObject({ externalId: 'U1' });
  expect(await store.read.channelMessages.about('slack', 'approval', 'appr-1')).toEqual([{
    channel: 'slack', place: 'D1', messageId: '1700000000.000100', kind: 'approval', subject: 'appr-1', personId: 'dana.lee@example.com',
    requestNumber: 'REQ-1001', reply: { kind: 'approval', approvalId: 'appr-1' }, open: true, createdAt: 3000,
  }]);
  // The finished receipt still dedupes; the unfinished one is taken over once its lease ends.
  expect(await store.transaction((repos) => repos.channelReceipts.firstSeen('slack', 'Ev1', 10_000))).toBe(false);
  expect(await store.transaction((repos) => repos.channelReceipts.claimStalled('slack', 'replica-b', 10_000, 1000))).toEqual([{ receiptId: 'Ev2', body: { event_id: 'Ev2' } }]);
}

describe('migration 0001 (channel-neutral tables)', () => {
  it('When a SQLite database with rows in the Slack tables is migrated, then the rows are in the channel tables under "slack" and the Slack tables are gone', async () => {
    const file = join(dir, 'before-0001.db');
    const sqlite = new Database(file);
    sqliteMigrate(sqliteDrizzle(sqlite), { migrationsFolder: migrationsUpTo('sqlite', 0) });
    for (const sql of slackRows('`', (v) => `'${JSON.stringify(v)}'`, '1')) sqlite.exec(sql);
    sqlite.close();

    const store = openStore(file);
    try {
      await expectMovedRows(store);
    } finally {
      await store.close();
    }
    const after = new Database(file, { readonly: true });
    try {
      expect(after.prepare("select name from sqlite_master where type = 'table' and name like 'slack%'").all()).toEqual([]);
    } finally {
      after.close();
    }
  });

  it.skipIf(!testPostgresUrl())('When a Postgres database with rows in the Slack tables is migrated, then the rows are in the channel tables under "slack" and the Slack tables are gone', async () => {
    const admin = testPostgresUrl()!;
    const name = `frontdoor_migration_${randomBytes(6).toString('hex')}`;
    await withAdmin(admin, (client) => client.query(`create database ${name}`));
    const url = databaseUrl(admin, name);
    try {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await pgMigrate(pgDrizzle(client), { migrationsFolder: migrationsUpTo('postgres', 0) });
        for (const sql of slackRows('"', (v) => `'${JSON.stringify(v)}'::jsonb`, 'true')) await client.query(sql);
      } finally {
        await client.end();
      }
      const store = openStore(url);
      try {
        await expectMovedRows(store);
      } finally {
        await store.close();
      }
      await withAdmin(url, async (check) => {
        const { rows } = await check.query("select table_name from information_schema.tables where table_schema = 'public' and table_name like 'slack%'");
        expect(rows).toEqual([]);
      });
    } finally {
      await withAdmin(admin, (client) => client.query(`drop database if exists ${name} with (force)`));
    }
  });
});
