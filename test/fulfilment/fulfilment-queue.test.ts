import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/request-records/transition.js';
import { laptopFields, startHarness, type Harness } from '../lifecycle/harness.js';
import { anotherReplica } from './another-replica.js';

/*
 * Fulfilment runs from a queue in the database: the use case commits the work with its own
 * decision and returns; a worker (this process's, or any other replica's) claims it with a
 * lease and runs it.
 */
let h: Harness;
// A long lease: the harness's own periodic sweep stays out of the way while a test plays another replica.
beforeAll(async () => { h = await startHarness({ REPLICA_LEASE_MS: '60000' }); });
afterAll(async () => { await h.close(); });

const statusOf = async (requestId: string) => (await h.deps.store.read.requests.findById(requestId))?.status;

describe('a caller does not wait for fulfilment', () => {
  it('When the identity system is slow, then the submit returns at once, the status says what it waits on, and the request is fulfilled when the call ends', async () => {
    const ethan = await h.person('ethan.brooks@example.com');
    const hold = h.identity.holdNext(/^POST \/api\/v1\/users\/.*\/lifecycle\/reset_password/);
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester: ethan, fields: { action: 'reset', account: 'network' }, channel: 'webchat' });
    expect(submitted).toMatchObject({ status: 'approved', next: 'Fulfilment is starting; I will tell you when it is done.' });
    await hold.arrived;
    const [line] = await h.deps.lifecycle.status(ethan, { number: submitted.number });
    expect(line).toMatchObject({ status: 'In fulfilment', step: 'Send a password reset link for Company account (Windows, email, Wi-Fi)', waitingOn: 'the identity system' });
    hold.release();
    await h.deps.fulfilment.idle();
    expect(await statusOf(submitted.id)).toBe('fulfilled');
    const told = await h.deps.store.read.outbox.forPerson(ethan.id);
    expect(JSON.stringify(told.at(-1)!.payload)).toContain(`${submitted.number} (Password reset or account unlock) is fulfilled.`);
  });
});

describe('an approver does not wait for fulfilment either', () => {
  it('When the last approver approves while the identity system is slow, then the decision answers at once and access is granted when the call ends', async () => {
    const sam = await h.person('sam.patel@example.com');
    const dana = await h.person('dana.lee@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'access', requester: sam, fields: { system: 'engineering-docs', level: 'read', justification: 'Reading the on-call runbooks' }, channel: 'api' });
    const card = (await h.deps.lifecycle.pendingApprovals(dana)).find((c) => c.requestNumber === submitted.number)!;
    const hold = h.identity.holdNext(/^PUT \/api\/v1\/groups\//);
    const decided = await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: dana, decision: 'approve', channel: 'api' });
    expect(decided.message).toBe(`Approved ${submitted.number}. Fulfilment has started.`);
    await hold.arrived;
    expect(await statusOf(submitted.id)).toBe('in_fulfilment');
    hold.release();
    await h.deps.fulfilment.idle();
    expect(await statusOf(submitted.id)).toBe('fulfilled');
    expect(h.identity.groupMembers('access:engineering-docs:read')).toContain(sam.email);
  });
});

describe('work outlives the process that queued it', () => {
  let other: ReturnType<typeof anotherReplica> | undefined;
  afterEach(async () => { await other?.stop(); });

  /** A laptop request approved by Dana whose commit queued the plan's start, in a process that then died. */
  async function approvedByProcessThatDied(claimedBeforeDying: boolean) {
    const alex = await h.person('alex.kim@example.com');
    const dana = await h.person('dana.lee@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: alex, fields: laptopFields, channel: 'webchat' });
    await h.deps.store.transaction(async (repos) => {
      const request = (await repos.requests.findById(submitted.id))!;
      const approved = await transition(repos, request, { to: 'approved', actorId: dana.id, reason: 'Approved by Dana Lee (manager)', channel: 'webchat', at: Date.now() });
      await h.deps.fulfilment.start(repos, approved, { actorId: dana.id, channel: 'webchat' });
      // It claimed the work and died before finishing it: the lease it took has run out.
      if (claimedBeforeDying) expect(await repos.fulfilmentQueue.claimDue('a replica that died', Date.now(), -1000)).toHaveLength(1);
    });
    return { submitted, dana };
  }

  for (const claimedBeforeDying of [false, true]) {
    it(`When the process that queued the start ${claimedBeforeDying ? 'claimed it and ' : ''}died, then another replica's sweep starts the plan in the approver's name and the team gets its task`, async () => {
      const { submitted, dana } = await approvedByProcessThatDied(claimedBeforeDying);
      expect(await statusOf(submitted.id), 'nothing ran the queued work yet').toBe('approved');
      other = anotherReplica(h.deps);
      expect(await other.sweep()).toBe(1);
      expect(await statusOf(submitted.id)).toBe('in_fulfilment');
      const history = await h.deps.store.read.requests.history(submitted.id);
      expect(history.at(-1)).toMatchObject({ toStatus: 'in_fulfilment', actorId: dana.id, reason: expect.stringMatching(/^Fulfilment started: /) });
      const task = (await h.deps.fulfilment.tasks('it-hardware')).find((t) => t.requestNumber === submitted.number);
      expect(task).toMatchObject({ status: 'pending', requester: 'Alex Kim' });
      expect(await h.deps.store.read.fulfilmentQueue.listByRequest(submitted.id), 'the done work left the queue').toEqual([]);
      expect(await other.sweep(), 'nothing is left to run').toBe(0);
    });
  }
});

describe('fulfilment never stalls silently', () => {
  it('When a request is left in fulfilment with its next step waiting and no work queued, then the fulfilment-queue job resumes it and it is fulfilled', async () => {
    const zoe = await h.person('zoe.turner@example.com');
    h.identity.failWhen(/^POST \/api\/v1\/users\/.*\/lifecycle\/unlock/, 503, 'Service unavailable', 1);
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester: zoe, fields: { action: 'unlock', account: 'network' }, channel: 'webchat' });
    await h.deps.fulfilment.idle();
    const [waiting] = await h.deps.fulfilment.steps(submitted.id);
    expect(waiting, 'the first call failed; the step waits for its retry').toMatchObject({ status: 'waiting', attempts: 1 });
    // The queued retry is lost (claimed by a replica that then dropped it): nothing would run the step again.
    await h.deps.store.transaction(async (repos) => {
      const [row] = await repos.fulfilmentQueue.claimDue('a replica that lost it', Date.now() + 3_600_000, 60_000, 10);
      expect(row?.requestId).toBe(submitted.id);
      await repos.fulfilmentQueue.complete(row!.id, 'a replica that lost it');
    });
    expect(await h.deps.store.read.fulfilmentQueue.listByRequest(submitted.id)).toEqual([]);
    expect(await statusOf(submitted.id)).toBe('in_fulfilment');

    expect(await h.deps.fulfilment.sweep(), 'the job ran the resumed work').toBe(1);
    expect(await statusOf(submitted.id)).toBe('fulfilled');
    expect(await h.deps.fulfilment.steps(submitted.id)).toMatchObject([{ status: 'done', attempts: 2 }]);
    expect(await h.deps.fulfilment.sweep(), 'nothing is left to resume').toBe(0);
  });
});
