import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKey } from '../../src/conversation/conversation-state.js';
import type { Reply } from '../../src/messages/reply.js';
import { replicaClaims } from '../../src/replicas/replica-claims.js';
import { scheduleAcrossReplicas } from '../../src/replicas/scheduled-job.js';
import { startHarness, type Harness } from '../lifecycle/harness.js';
import { TestClock } from '../support/test-clock.js';

/*
 * Work a replica holds in the database (conversation turns, fulfilment steps, scheduled
 * jobs) is held by one replica at a time and taken over when its holder stops renewing it.
 * "Another replica" here is another owner writing claims into the same database, as a
 * second process would; the replica-kill test does the same with two real processes.
 */
const leaseMs = 1000;
const waitFor = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const giveUp = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > giveUp) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const texts = (replies: Reply[]) => replies.map((r) => ('text' in r ? r.text : r.kind)).join(' | ');

describe('Work shared by replicas', () => {
  let h: Harness;
  // The time the app reads stands still: a lease runs out when a test moves it on.
  const clock = new TestClock();

  beforeAll(async () => {
    h = await startHarness({ REPLICA_LEASE_MS: String(leaseMs) }, { clock });
  });
  afterAll(async () => h?.close());

  it('When another replica is answering a conversation, then a turn for it waits until that replica lets go, then is answered', async () => {
    const zoe = await h.person('zoe.turner@example.com');
    const key = conversationKey('webchat', 'conv-held');
    const held = await h.deps.store.transaction((repos) => repos.conversations.claim({
      id: key, channel: 'webchat', personId: zoe.id, emptyState: { history: [] }, owner: 'another replica', now: clock.now(), leaseMs: 60_000,
    }));
    expect(held.claimed).toBe(true);
    let releasedAt = 0;
    setTimeout(() => {
      releasedAt = Date.now();
      void h.deps.store.transaction((repos) => repos.conversations.releaseClaim(key, 'another replica'));
    }, 300);
    const replies = await h.deps.engine.handle({ channel: 'webchat', conversationId: 'conv-held', person: zoe, text: 'what can you do?' });
    expect(releasedAt, 'the turn ran only after the other replica let go').toBeGreaterThan(0);
    expect(texts(replies)).not.toMatch(/went wrong|still being answered/);
    expect(replies.length).toBeGreaterThan(0);
  });

  it('When the replica answering a conversation died, then the next turn is answered once its lease runs out', async () => {
    const zoe = await h.person('zoe.turner@example.com');
    const key = conversationKey('webchat', 'conv-orphaned');
    const started = clock.now();
    await h.deps.store.transaction((repos) => repos.conversations.claim({
      id: key, channel: 'webchat', personId: zoe.id, emptyState: { history: [] }, owner: 'a replica that died', now: started, leaseMs: 800,
    }));
    // A lease holds up to and including its last millisecond.
    clock.advance(800);
    let answered = false;
    const answer = h.deps.engine.handle({ channel: 'webchat', conversationId: 'conv-orphaned', person: zoe, text: 'I need a new laptop' }).finally(() => { answered = true; });
    // The turn keeps trying to take the conversation; the time it reads stays at the lease's last moment.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(answered, 'no answer while the dead replica\'s lease holds').toBe(false);
    clock.advance(1);
    const replies = await answer;
    expect(texts(replies)).toMatch(/laptop/i);
    const row = await h.deps.store.read.conversations.find(key);
    expect(row?.updatedAt, 'the turn ran once the lease had run out').toBeGreaterThan(started + 800);
    expect(JSON.stringify(row?.state)).toContain('laptop');
  });

  it('When the replica calling an integration step loses it (it died mid-call), then another replica calls it again, the late outcome is ignored and the request is fulfilled once', async () => {
    const ethan = await h.person('ethan.brooks@example.com');
    const hold = h.identity.holdNext(/^POST \/api\/v1\/users\/.*\/lifecycle\/reset_password/);
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester: ethan, fields: { action: 'reset', account: 'network' }, channel: 'webchat' });
    await hold.arrived;
    // The replica running the step stops renewing: its claim passes to a dead owner whose lease has run out.
    const running = (await h.deps.fulfilment.steps(submitted.id)).filter((s) => s.status === 'running');
    expect(running).toHaveLength(1);
    const step = { ...running[0]!, requestId: submitted.id };
    await h.deps.store.transaction((repos) => repos.fulfilmentSteps.update(step.id, { claimedBy: 'a replica that died', claimedUntil: clock.now() - 10 * leaseMs }));
    hold.release();

    await waitFor(async () => (await h.deps.store.read.requests.findById(step.requestId))?.status === 'fulfilled');
    const after = await h.deps.store.read.fulfilmentSteps.findById(step.id);
    expect(after).toMatchObject({ status: 'done', claimedBy: null, attempts: 1 });
    const resets = h.identity.received.filter((r) => r.method === 'POST' && r.url.includes('/lifecycle/reset_password'));
    expect(resets.length, 'called once by the replica that lost it, once by the one that took over').toBe(2);
    const audit = await h.deps.store.read.audit.listForTarget('fulfilment-step', step.id);
    expect(audit.filter((a) => a.action === 'fulfilment-step.done')).toHaveLength(1);
    const told = (await h.deps.store.read.outbox.forPerson(ethan.id)).filter((row) => JSON.stringify(row.payload).includes('is fulfilled'));
    expect(told).toHaveLength(1);
  });

  it('When two replicas schedule the same job, then it runs once per interval', async () => {
    let runs = 0;
    const log = { warn: () => undefined };
    const job = { name: 'test-once', everyMs: 400, run: async () => { runs += 1; } };
    const stops = [
      scheduleAcrossReplicas({ store: h.deps.store, claims: replicaClaims(leaseMs), log }, job),
      scheduleAcrossReplicas({ store: h.deps.store, claims: replicaClaims(leaseMs), log }, job),
    ];
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const stop of stops) stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(3);
  });

  it('When a message already applied is handed over again (its replica died before marking the event done), then the conversation does not move twice', async () => {
    const zoe = await h.person('zoe.turner@example.com');
    const turn = { channel: 'webchat' as const, conversationId: 'conv-redelivered', person: zoe, text: 'I need a new laptop', deliveryId: 'Ev-redelivered-1' };
    const first = await h.deps.engine.handle(turn);
    const stateAfterFirst = (await h.deps.store.read.conversations.find(conversationKey('webchat', 'conv-redelivered')))?.state;
    const again = await h.deps.engine.handle(turn);
    expect(texts(first)).toMatch(/laptop/i);
    expect(again).toEqual([]);
    const stateAfterAgain = (await h.deps.store.read.conversations.find(conversationKey('webchat', 'conv-redelivered')))?.state;
    expect(stateAfterAgain).toEqual(stateAfterFirst);
    const next = await h.deps.engine.handle({ ...turn, text: 'macbook air', deliveryId: 'Ev-redelivered-2' });
    expect(next.length).toBeGreaterThan(0);
  });

  it('When twenty people submit at the same moment, then every request is recorded with its own number and none is skipped', async () => {
    const people = (await h.deps.directory.list()).slice(0, 20);
    const fields = { model: 'macbook-air-13', reason: 'replacement', 'asset-tag': 'LT-10234', 'delivery-location': 'London' };
    const submitted = await Promise.all(people.map((requester) => h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester, fields, channel: 'api' })));
    const numbers = submitted.map((s) => Number(s.number.slice('REQ-'.length))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.at(-1)! - numbers[0]!).toBe(19);
  });

  it('When the same dialog is confirmed twice (its turn handled again after a replica died), then one request is recorded and both answers name it', async () => {
    const maya = await h.person('maya.fischer@example.com');
    const submit = () => h.deps.lifecycle.submit({ requestTypeId: 'software', requester: maya, fields: { product: 'figma', justification: 'Design reviews with the product team' }, channel: 'webchat', submissionKey: 'dialog:replayed-confirm' });
    const first = await submit();
    const second = await submit();
    expect(second.number).toBe(first.number);
    const recorded = await h.deps.store.read.requests.listByRequester(maya.id, { includeClosed: true });
    expect(recorded.filter((r) => r.requestTypeId === 'software')).toHaveLength(1);
  });
});
