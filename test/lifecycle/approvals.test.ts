import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindApprovers } from '../../src/approvals/approval-reminders.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/shared/errors.js';
import { TestClock } from '../support/test-clock.js';
import { expensiveLaptopFields, laptopFields, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

async function pendingFor(email: string) {
  return h.deps.lifecycle.pendingApprovals(await h.person(email));
}

describe('approvals', () => {
  it('When an engineer asks for a laptop, then their manager gets the card and the status says who it waits on', async () => {
    const sam = await h.person('sam.patel@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'webchat' });
    expect(submitted.number).toMatch(/^REQ-\d{4,}$/);
    expect(submitted.status).toBe('awaiting_approval');
    expect(submitted.next).toBe('Waiting for Dana Lee (your manager) to approve.');
    const [line] = await h.deps.lifecycle.status(sam, { number: submitted.number });
    expect(line).toMatchObject({ step: 'Approval 1 of 1: manager', waitingOn: 'Dana Lee (your manager)', overdue: false });
    const cards = (await pendingFor('dana.lee@example.com')).filter((c) => c.requestNumber === submitted.number);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ kind: 'approval', requester: 'Sam Patel', risk: expect.any(String) });
    const outbox = await h.deps.store.read.outbox.forPerson('dana.lee@example.com');
    expect(JSON.stringify(outbox.at(-1)?.payload)).toContain(submitted.number);
  });

  it('When someone else clicks the card, then it is refused and names the approver', async () => {
    const sam = await h.person('sam.patel@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'api' });
    const card = (await pendingFor('dana.lee@example.com')).find((c) => c.requestNumber === submitted.number)!;
    await expect(h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: await h.person('ravi.shah@example.com'), decision: 'approve', channel: 'api' }))
      .rejects.toThrow(new ForbiddenError('This approval is assigned to Dana Lee'));
    await expect(h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: sam, decision: 'approve', channel: 'api' })).rejects.toBeInstanceOf(ForbiddenError);
    const [line] = await h.deps.lifecycle.status(sam, { number: submitted.number });
    expect(line!.status).toBe('Awaiting approval');
  });

  it('When the manager approves twice, then the second click changes nothing and says who approved', async () => {
    const sam = await h.person('sam.patel@example.com');
    const dana = await h.person('dana.lee@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'webchat' });
    const card = (await pendingFor('dana.lee@example.com')).find((c) => c.requestNumber === submitted.number)!;
    const first = await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: dana, decision: 'approve', channel: 'webchat' });
    expect(first.card?.outcome).toEqual({ decision: 'approved', by: 'Dana Lee' });
    const second = h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: dana, decision: 'approve', channel: 'webchat' });
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toThrow(/^Already approved by Dana Lee at \d\d:\d\d; nothing changed$/);
    const [line] = await h.deps.lifecycle.status(sam, { number: submitted.number });
    expect(line).toMatchObject({ status: 'In fulfilment', step: expect.stringContaining('(it-hardware)'), waitingOn: 'the it-hardware team' });
    const request = (await h.deps.store.read.requests.findByNumber(Number(submitted.number.slice(4))))!;
    const history = await h.deps.store.read.requests.history(request.id);
    expect(history.map((r) => [r.toStatus, r.actorId])).toEqual([
      ['submitted', 'sam.patel@example.com'], ['awaiting_approval', 'system'], ['approved', 'dana.lee@example.com'], ['in_fulfilment', 'dana.lee@example.com'],
    ]);
  });

  it('When a laptop costs over 2,000 EUR, then the CFO approves after the manager', async () => {
    const sam = await h.person('sam.patel@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: expensiveLaptopFields, channel: 'webchat' });
    const [before] = await h.deps.lifecycle.status(sam, { number: submitted.number });
    expect(before!.step).toBe('Approval 1 of 2: manager');
    expect(await pendingFor('marcus.chen@example.com')).not.toContainEqual(expect.objectContaining({ requestNumber: submitted.number }));
    const card = (await pendingFor('dana.lee@example.com')).find((c) => c.requestNumber === submitted.number)!;
    expect(card.cost).toContain('3,899');
    const decided = await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: await h.person('dana.lee@example.com'), decision: 'approve', channel: 'webchat' });
    expect(decided.message).toContain('Marcus Chen');
    const [after] = await h.deps.lifecycle.status(sam, { number: submitted.number });
    expect(after).toMatchObject({ step: 'Approval 2 of 2: finance', waitingOn: expect.stringContaining('Marcus Chen') });
    const cfoCard = (await pendingFor('marcus.chen@example.com')).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: cfoCard.approvalId, actor: await h.person('marcus.chen@example.com'), decision: 'approve', channel: 'slack' });
    await h.deps.fulfilment.idle(); // the plan starts on the worker after the decision
    const [done] = await h.deps.lifecycle.status(sam, { number: submitted.number });
    expect(done).toMatchObject({ status: 'In fulfilment', waitingOn: 'the procurement team' });
  });

  it('When the approver denies without a reason, then it is refused; with one, the request is rejected and the requester told', async () => {
    const sam = await h.person('sam.patel@example.com');
    const dana = await h.person('dana.lee@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'webchat' });
    const card = (await pendingFor('dana.lee@example.com')).find((c) => c.requestNumber === submitted.number)!;
    await expect(h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: dana, decision: 'deny', channel: 'webchat' })).rejects.toBeInstanceOf(ValidationError);
    await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: dana, decision: 'deny', comment: 'Your laptop is only a year old', channel: 'webchat' });
    const [line] = await h.deps.lifecycle.status(sam, { number: submitted.number });
    expect(line).toMatchObject({ status: 'Rejected', step: 'Denied by Dana Lee' });
    const told = await h.deps.store.read.outbox.forPerson(sam.id);
    expect(JSON.stringify(told.at(-1)!.payload)).toContain('denied by Dana Lee (your manager): Your laptop is only a year old');
  });

  it('When the requester cancels, then the approver card is withdrawn and a late click changes nothing', async () => {
    const sam = await h.person('sam.patel@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'webchat' });
    const card = (await pendingFor('dana.lee@example.com')).find((c) => c.requestNumber === submitted.number)!;
    await expect(h.deps.lifecycle.cancel({ person: await h.person('alex.kim@example.com'), number: submitted.number, channel: 'webchat' })).rejects.toBeInstanceOf(ForbiddenError);
    const cancelled = await h.deps.lifecycle.cancel({ person: sam, number: submitted.number, reason: 'Found a spare one', channel: 'webchat' });
    expect(cancelled.message).toBe(`${submitted.number} is cancelled.`);
    const lastToDana = (await h.deps.store.read.outbox.forPerson('dana.lee@example.com')).at(-1)!.payload as { cardChange: { kind: string; tell: boolean; card: { outcome?: unknown; requestNumber?: string } } };
    expect(lastToDana.cardChange).toMatchObject({ kind: 'card-changed', tell: true, card: { approvalId: card.approvalId, requestNumber: submitted.number, outcome: { decision: 'withdrawn', by: 'Sam Patel' } } });
    await expect(h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: await h.person('dana.lee@example.com'), decision: 'approve', channel: 'webchat' }))
      .rejects.toThrow(/was cancelled by the requester at .*; nothing changed/);
    await expect(h.deps.lifecycle.cancel({ person: sam, number: submitted.number, channel: 'webchat' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('When a restricted licence needs security, then any member may decide, the first decision wins and the others see it', async () => {
    const maya = await h.person('maya.fischer@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'software', requester: maya, fields: { product: await restrictedProduct(), justification: 'Pen-testing our own design system' }, channel: 'webchat' });
    const managerCard = (await pendingFor('lena.novak@example.com')).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: managerCard.approvalId, actor: await h.person('lena.novak@example.com'), decision: 'approve', channel: 'webchat' });
    const members = await h.deps.directory.membersOf('security');
    const cards = await Promise.all(members.map(async (m) => (await h.deps.lifecycle.pendingApprovals(m)).find((c) => c.requestNumber === submitted.number)!));
    expect(cards.every(Boolean)).toBe(true);
    await h.deps.lifecycle.decide({ approvalId: cards[0]!.approvalId, actor: members[0]!, decision: 'approve', channel: 'webchat' });
    for (const [i, m] of members.slice(1).entries()) {
      await expect(h.deps.lifecycle.decide({ approvalId: cards[i + 1]!.approvalId, actor: m, decision: 'deny', comment: 'no', channel: 'webchat' })).rejects.toThrow(`Already approved by ${members[0]!.name}`);
    }
    await h.deps.fulfilment.idle(); // the plan starts on the worker after the decision
    const [line] = await h.deps.lifecycle.status(maya, { number: submitted.number });
    expect(line!.status).toBe('In fulfilment');
  });
});

describe('approval reminders', () => {
  // The days pass on the clock the app reads, moved by the test.
  const clock = new TestClock();
  let timed: Harness;
  beforeAll(async () => { timed = await startHarness({}, { clock }); });
  afterAll(async () => { await timed.close(); });

  it('When an approver has not answered for a day, then they get the card again with a reminder, once a day until they decide', async () => {
    const jordan = await timed.person('jordan.rivera@example.com');
    const submitted = await timed.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: jordan, fields: laptopFields, channel: 'webchat' });
    const approver = await timed.deps.directory.findByEmail(jordan.managerEmail!);
    const remindersTo = async () => (await timed.deps.store.read.outbox.forPerson(approver!.id))
      .filter((row) => JSON.stringify(row.payload).includes(`Reminder: ${submitted.number}`));
    const day = 24 * 3_600_000;
    const submittedAt = clock.now();
    /** The reminder job as the app runs it, when the clock reads `offset` after the submit. */
    const remindAt = async (offset: number) => {
      clock.advance(submittedAt + offset - clock.now());
      return remindApprovers(timed.deps.lifecycleContext, day);
    };

    expect(await remindAt(day / 2)).toBe(0);
    expect(await remindersTo()).toHaveLength(0);
    await remindAt(day + 60_000);
    const [reminder] = await remindersTo();
    expect(reminder, 'a reminder after a day').toBeDefined();
    expect(JSON.stringify(reminder!.payload)).toContain('has waited for your decision since');
    expect((reminder!.payload as { replies: Array<{ kind: string; requestNumber?: string }> }).replies.find((r) => r.kind === 'approval')?.requestNumber).toBe(submitted.number);
    // Not again on the same day; again the next day.
    await remindAt(day + 2 * 60_000);
    expect(await remindersTo()).toHaveLength(1);
    await remindAt(2 * day + 2 * 60_000);
    expect(await remindersTo()).toHaveLength(2);
    // Once decided, no more reminders.
    const open = (await timed.deps.lifecycle.pendingApprovals(approver!)).find((c) => c.requestNumber === submitted.number)!;
    await timed.deps.lifecycle.decide({ approvalId: open.approvalId, actor: approver!, decision: 'approve', channel: 'webchat' });
    await remindAt(4 * day);
    expect(await remindersTo()).toHaveLength(2);
  });
});

async function restrictedProduct(): Promise<string> {
  const lookup = h.deps.catalog.lookup('software-products')!;
  const item = lookup.items.find((i) => i.attributes.restricted === true && !i.when);
  if (!item) throw new Error('the sample catalog has no restricted product open to everyone');
  return item.value;
}

describe('separation of duties across stages', () => {
  it('When the manager who approves the first stage also owns the system, then the owner stage goes to the next manager up and the manager never decides twice', async () => {
    const sofia = await h.person('sofia.rossi@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'access', requester: sofia, fields: { system: 'finance-share', level: 'write', justification: 'Closing the quarter with the finance team' }, channel: 'api' });
    const nina = await h.person('nina.petrova@example.com');
    const first = (await pendingFor(nina.email)).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: first.approvalId, actor: nina, decision: 'approve', channel: 'api' });
    expect((await pendingFor(nina.email)).filter((c) => c.requestNumber === submitted.number), 'Nina is not asked again').toEqual([]);
    const [line] = await h.deps.lifecycle.status(sofia, { number: submitted.number });
    expect(line).toMatchObject({ step: 'Approval 2 of 2: system-owner', waitingOn: 'Marcus Chen (manager of Nina Petrova, who decides an earlier stage)' });
    const approvals = await h.deps.store.read.approvals.listByRequest(submitted.id);
    expect(approvals.map((a) => [a.stageId, a.approverId])).toEqual([['manager', nina.id], ['system-owner', 'marcus.chen@example.com']]);
  });
});
