import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Store } from '../../src/store/store.js';
import { openStore } from '../../src/store/open-store.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const dir = mkdtempSync(join(tmpdir(), 'frontdoor-claims-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let database: TestDatabase;
let a: Store;
/** A second replica on Postgres; on SQLite (one process) the same store plays both. */
let b: Store;

beforeEach(async () => {
  database = await createTestDatabase(dir, `${Math.random().toString(36).slice(2)}.db`);
  a = openStore(database.url, { poolSize: 4 });
  b = database.dialect === 'postgres' ? openStore(database.url, { poolSize: 4 }) : a;
});
afterEach(async () => {
  await Promise.all([...new Set([a, b])].map((s) => s.close()));
  await database.drop();
});

const t0 = 1_700_000_000_000;
const lease = 30_000;

describe('outbox claims', () => {
  it('When two replicas claim pending messages at the same moment, then each message is claimed by exactly one of them', async () => {
    await a.transaction(async (repos) => {
      for (let i = 0; i < 30; i += 1) await repos.outbox.add(`person-${i % 10}@example.com`, { n: i }, t0);
    });
    const [first, second] = await Promise.all([
      a.transaction((repos) => repos.outbox.claimPending('replica-a', t0, lease, { limit: 20 })),
      b.transaction((repos) => repos.outbox.claimPending('replica-b', t0, lease, { limit: 20 })),
    ]);
    const ids = [...first, ...second].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const people = (rows: typeof first) => new Set(rows.map((r) => r.personId));
    expect([...people(first)].filter((p) => people(second).has(p))).toEqual([]);
  });

  it('When a person\'s earlier message is being delivered by one replica, then another replica leaves their later messages alone', async () => {
    await a.transaction((repos) => repos.outbox.add('ravi.shah@example.com', { n: 1 }, t0));
    const [held] = await a.transaction((repos) => repos.outbox.claimPending('replica-a', t0, lease, { limit: 1 }));
    await a.transaction((repos) => repos.outbox.add('ravi.shah@example.com', { n: 2 }, t0 + 1));
    expect(await b.transaction((repos) => repos.outbox.claimPending('replica-b', t0 + 2, lease))).toEqual([]);
    await a.transaction((repos) => repos.outbox.markDelivered([held!.id], t0 + 3));
    expect((await b.transaction((repos) => repos.outbox.claimPending('replica-b', t0 + 4, lease))).map((r) => r.payload)).toEqual([{ n: 2 }]);
  });

  it('When the replica holding messages dies, then another claims them once the lease has run out, not before', async () => {
    await a.transaction((repos) => repos.outbox.add('dana.lee@example.com', { text: 'approved' }, t0));
    expect(await a.transaction((repos) => repos.outbox.claimPending('replica-a', t0, lease))).toHaveLength(1);
    expect(await b.transaction((repos) => repos.outbox.claimPending('replica-b', t0 + lease - 1, lease))).toEqual([]);
    const taken = await b.transaction((repos) => repos.outbox.claimPending('replica-b', t0 + lease + 1, lease));
    expect(taken.map((r) => r.payload)).toEqual([{ text: 'approved' }]);
    await b.transaction((repos) => repos.outbox.markDelivered(taken.map((r) => r.id), t0 + lease + 2));
    const danas = await a.read.outbox.forPerson('dana.lee@example.com');
    expect(danas.length).toBeGreaterThan(0);
    expect(danas.filter((r) => r.deliveredAt === null)).toEqual([]);
  });

  it('When a replica gives back what it could not deliver, then the next flush anywhere can claim it at once', async () => {
    await a.transaction((repos) => repos.outbox.add('sam.patel@example.com', { text: 'hi' }, t0));
    const [row] = await a.transaction((repos) => repos.outbox.claimPending('replica-a', t0, lease));
    await a.transaction((repos) => repos.outbox.releaseClaims('replica-a', [row!.id]));
    expect((await b.transaction((repos) => repos.outbox.claimPending('replica-b', t0 + 1, lease))).map((r) => r.id)).toEqual([row!.id]);
  });
});

describe('leases', () => {
  it('When replicas race for a scheduled job, then exactly one holds it, renews it, and loses it only once it expires', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).transaction((repos) => repos.leases.acquire('job:abandoned-dialogs', `replica-${i}`, t0, lease))));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = `replica-${results.indexOf(true)}`;
    const loser = winner === 'replica-0' ? 'replica-1' : 'replica-0';
    expect(await a.transaction((repos) => repos.leases.acquire('job:abandoned-dialogs', loser, t0 + 1, lease))).toBe(false);
    expect(await b.transaction((repos) => repos.leases.acquire('job:abandoned-dialogs', winner, t0 + 10, lease))).toBe(true);
    expect(await b.transaction((repos) => repos.leases.acquire('job:abandoned-dialogs', 'someone-else', t0 + lease, lease))).toBe(false);
    expect(await b.transaction((repos) => repos.leases.acquire('job:abandoned-dialogs', 'someone-else', t0 + 10 + lease + 1, lease))).toBe(true);
    expect(await a.transaction((repos) => repos.leases.acquire('job:abandoned-dialogs', winner, t0 + 10 + lease + 2, lease))).toBe(false);
  });
});
