import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Store } from '../../src/store/store.js';
import { openStore } from '../../src/store/open-store.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const dir = mkdtempSync(join(tmpdir(), 'frontdoor-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let database: TestDatabase;
const opened: Store[] = [];
const open = () => {
  const store = openStore(database.url, { poolSize: 4 });
  opened.push(store);
  return store;
};

beforeEach(async () => {
  database = await createTestDatabase(dir, `${Math.random().toString(36).slice(2)}.db`);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await database.drop();
});

describe('the store', () => {
  it('When two processes open the same new database at once, then both migrate it without error and see each other\'s writes', async () => {
    const [a, b] = [open(), open()];
    expect(await Promise.all([a.health(), b.health()])).toEqual([{ ok: true, dialect: database.dialect }, { ok: true, dialect: database.dialect }]);
    await a.transaction((repos) => repos.conversations.save({ id: 'webchat:1', channel: 'webchat', personId: 'sam.patel@example.com', state: { step: 1 }, now: 1_700_000_000_000 }));
    expect(await b.read.conversations.find('webchat:1')).toEqual({ id: 'webchat:1', channel: 'webchat', personId: 'sam.patel@example.com', state: { step: 1 }, createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000 });
  });

  it('When many requests take numbers at once (from two replicas on Postgres), then every number is different and none is skipped', async () => {
    // SQLite serves one process: a second store in the same process would block its event loop.
    const [a, b] = database.dialect === 'postgres' ? [open(), open()] : [open(), undefined];
    const take = (store: Store) => store.transaction(async (repos) => {
      const n = await repos.sequences.next('request');
      await repos.audit.add({ at: n, actorId: 'test', action: 'numbered', targetType: 'request', targetId: String(n), before: null, after: { n }, reason: null, channel: 'api' });
      return n;
    });
    const numbers = await Promise.all(Array.from({ length: 40 }, (_, i) => take(i % 2 ? a : b ?? a)));
    expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => 1001 + i));
    expect(await a.read.sequences.current('request')).toBe(1040);
  });

  it('When work inside a transaction fails, then none of its writes are kept and later transactions still run', async () => {
    const store = open();
    await expect(store.transaction(async (repos) => {
      await repos.sequences.next('incident');
      await repos.outbox.add('sam.patel@example.com', { text: 'hello' }, 1);
      throw new Error('the use case changed its mind');
    })).rejects.toThrow('changed its mind');
    expect(await store.read.sequences.current('incident')).toBeUndefined();
    expect(await store.read.outbox.forPerson('sam.patel@example.com')).toEqual([]);
    expect(await store.transaction((repos) => repos.sequences.next('incident'))).toBe(1001);
  });

  it('When a transaction writes, then its own reads see the write before commit, and change counts are exact', async () => {
    const store = open();
    const outcome = await store.transaction(async (repos) => {
      const id = await repos.outbox.add('dana.lee@example.com', { kind: 'text' }, 5);
      await repos.outbox.markDelivered([id], 6);
      const first = await repos.triage.resolve('missing', { intent: 'x' }, 'agent', 7);
      return { delivered: (await repos.outbox.forPerson('dana.lee@example.com'))[0]?.deliveredAt, first };
    });
    expect(outcome).toEqual({ delivered: 6, first: false });
    expect(await store.transaction((repos) => repos.channelReceipts.firstSeen('slack', 'Ev1', 1))).toBe(true);
    expect(await store.transaction((repos) => repos.channelReceipts.firstSeen('slack', 'Ev1', 2))).toBe(false);
  });
});

describe('an unreachable Postgres', () => {
  it('When the database cannot be reached, then health says so and reads fail with an error instead of hanging', async () => {
    const store = openStore('postgres://frontdoor@127.0.0.1:1/frontdoor');
    expect(await store.health()).toEqual({ ok: false, dialect: 'postgres' });
    await expect(store.read.requests.findByNumber(1001)).rejects.toThrow();
    await store.close();
  });
});
