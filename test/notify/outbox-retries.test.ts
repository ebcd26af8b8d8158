import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardChange } from '../../src/messages/card-change.js';
import type { Reply } from '../../src/messages/reply.js';
import type { ChannelDelivery } from '../../src/notify/notifier.js';
import { OutboxNotifier } from '../../src/notify/outbox-notifier.js';
import { replicaClaims } from '../../src/replicas/replica-claims.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A channel at the edge: reaches some people, fails while it is down, and counts every time it was asked. */
class FlakyChannel implements ChannelDelivery {
  readonly channel = 'slack' as const;
  readonly asked: string[] = [];
  readonly delivered: Array<{ personId: string; text: string }> = [];
  down = false;
  constructor(readonly reachable: Set<string>, private readonly onDeliver: () => void = () => undefined) {}
  async deliver(personId: string, replies: Reply[]): Promise<boolean> {
    this.asked.push(personId);
    this.onDeliver();
    if (this.down) throw new Error('slack answered 503');
    if (!this.reachable.has(personId)) return false;
    for (const r of replies) this.delivered.push({ personId, text: r.kind === 'text' ? r.text : r.kind });
    return true;
  }
  async applyCardChange(_personId: string, _change: CardChange): Promise<number> {
    return 0;
  }
}

const quiet = { warn: () => undefined };
const t0 = 1_800_000_000_000;
const dir = mkdtempSync(join(tmpdir(), 'frontdoor-outbox-retries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let database: TestDatabase;
let a: Store;
/** A second replica on Postgres; on SQLite (one process) the same store plays both. */
let b: Store;
let clock: number;
beforeEach(async () => {
  database = await createTestDatabase(dir, `${Math.random().toString(36).slice(2)}.db`);
  a = openStore(database.url, { poolSize: 4 });
  b = database.dialect === 'postgres' ? openStore(database.url, { poolSize: 4 }) : a;
  clock = t0;
});
afterEach(async () => {
  await Promise.all([...new Set([a, b])].map((s) => s.close()));
  await database.drop();
});

const policy = { maxAttempts: 5, backoff: { firstMs: 1_000, factor: 2, maxMs: 60_000 }, unreachableMs: 60_000 };
function replica(store: Store, channel: ChannelDelivery, overrides: Partial<typeof policy> & { flushBudgetMs?: number; batchSize?: number } = {}): OutboxNotifier {
  const notifier = new OutboxNotifier(store, quiet, { now: () => clock, claims: replicaClaims(), policy: { ...policy, ...overrides } });
  notifier.register(channel);
  return notifier;
}
const text = (t: string): Reply[] => [{ kind: 'text', text: t }];

describe('Outbox retries', () => {
  it('When a channel fails, then the message is offered again only after a backoff that doubles, the person\'s later messages wait behind it in order, and nobody else waits', async () => {
    const slack = new FlakyChannel(new Set(['ravi.shah@example.com', 'dana.lee@example.com']));
    const notifier = replica(a, slack);
    slack.down = true;
    await notifier.notify('ravi.shah@example.com', text('first'));
    slack.down = false;
    await a.transaction(async (repos) => { await repos.outbox.add('ravi.shah@example.com', { replies: text('second') }, clock); });
    await notifier.notify('dana.lee@example.com', text('for Dana'));
    expect(slack.delivered).toEqual([{ personId: 'dana.lee@example.com', text: 'for Dana' }]);

    slack.down = true;
    clock = t0 + 999;
    await notifier.flush();
    expect(slack.asked.filter((p) => p === 'ravi.shah@example.com')).toHaveLength(1);
    clock = t0 + 1_000;
    await notifier.flush();
    expect(slack.asked.filter((p) => p === 'ravi.shah@example.com')).toHaveLength(2);
    const [first] = await a.read.outbox.forPerson('ravi.shah@example.com');
    expect(first).toMatchObject({ attempts: 2, deliveredAt: null, deadAt: null, lastError: 'slack: slack answered 503' });

    // The second wait is twice the first.
    slack.down = false;
    clock = t0 + 1_000 + 1_999;
    await notifier.flush();
    expect(slack.delivered.filter((d) => d.personId === 'ravi.shah@example.com')).toEqual([]);
    clock = t0 + 1_000 + 2_000;
    await notifier.flush();
    expect(slack.delivered.filter((d) => d.personId === 'ravi.shah@example.com').map((d) => d.text)).toEqual(['first', 'second']);
  });

  it('When a message fails its last attempt, then it is a dead letter: never offered again, and the person\'s later messages go on', async () => {
    const slack = new FlakyChannel(new Set(['ravi.shah@example.com']));
    const notifier = replica(a, slack, { maxAttempts: 2 });
    slack.down = true;
    await notifier.notify('ravi.shah@example.com', text('doomed'));
    clock += 1_000;
    await notifier.flush();
    expect(await a.read.outbox.countDeadLetters()).toBe(1);

    slack.down = false;
    await notifier.notify('ravi.shah@example.com', text('after it'));
    clock += 60 * 60_000;
    await notifier.flush();
    expect(slack.delivered.map((d) => d.text)).toEqual(['after it']);
    expect((await a.read.outbox.deadLetters()).map((d) => d.attempts)).toEqual([2]);
  });

  it('When nobody can reach a person, then every replica remembers it for a while and does not look them up again, until it expires or they talk to us', async () => {
    const person = 'new.hire@example.com';
    const slack = new FlakyChannel(new Set());
    const replicaA = replica(a, slack);
    const replicaB = replica(b, slack);
    await replicaA.notify(person, text('one'));
    expect(slack.asked).toEqual([person]);

    clock = t0 + 30_000; // past the backoff, within the memory
    await replicaB.notify(person, text('two'));
    await replicaA.flush();
    expect(slack.asked).toEqual([person]);

    clock = t0 + 60_001;
    await replicaB.flush();
    expect(slack.asked).toEqual([person, person]);
    expect((await a.read.outbox.forPerson(person)).map((r) => r.attempts)).toEqual([2, 1]);

    // They write to us: what waited goes out at once, in order.
    slack.reachable.add(person);
    await replicaA.hold(person)();
    expect(slack.delivered.map((d) => d.text)).toEqual(['one', 'two']);
  });

  it('When a flush has more due than its time budget allows, then it stops after the budget and the next flush carries on', async () => {
    const people = Array.from({ length: 10 }, (_, i) => `person-${i}@example.com`);
    const slack = new FlakyChannel(new Set(people), () => { clock += 40; });
    const notifier = replica(a, slack, { batchSize: 2, flushBudgetMs: 100 });
    await a.transaction(async (repos) => { for (const p of people) await repos.outbox.add(p, { replies: text(`hello ${p}`) }, clock); });
    expect(await notifier.flush()).toBe(4); // two batches of two, 160 ms > 100 ms
    expect(await notifier.flush()).toBe(4);
    expect(await notifier.flush()).toBe(2);
    expect(slack.delivered.map((d) => d.personId)).toEqual(people);
  });
});
