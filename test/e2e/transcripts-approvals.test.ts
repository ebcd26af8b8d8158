import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startE2E, submitsOf, textOf, type Chat, type E2E } from './e2e-harness.js';
import { auditorToken, expectSays, submitThrough, type Transcript } from './play-transcript.js';

const ethan = 'ethan.brooks@example.com';
const sofia = 'sofia.rossi@example.com';
const nina = 'nina.petrova@example.com'; // manager of both

/** A cheap laptop: one approval (the manager), then one it-hardware task. */
const laptop: Transcript['steps'] = [
  ['I need a new laptop', 'Which device do you need?'],
  [{ answer: 'dell-latitude-7440' }, 'Is this a replacement'],
  [{ answer: 'additional' }, 'Where should we deliver it?'],
  [{ answer: 'London' }, 'Device: Dell Latitude 7440'],
  [{ click: 'Confirm' }, /REQ-\d+\. Waiting for Nina Petrova \(your manager\) to approve\./],
];

interface View { status: string; history: unknown[]; approvals: Array<{ status: string; decidedBy: string | null }>; steps: Array<{ id: string; status: string }> }

describe('Transcripts: approvals on cards, refusals, replays and cancellation', () => {
  let e: E2E;
  let manager: Chat;
  beforeEach(async () => {
    e = await startE2E();
    manager = await e.chat(nina);
  });
  afterEach(async () => { await e.close(); });

  const view = async (number: string) => (await e.api(ethan, 'GET', `/api/v1/requests/${number}`)).json() as View;
  const auditCount = async (number: string) => ((await e.apiWithToken(await auditorToken(e), 'GET', `/api/v1/audit/requests/${number}`)).json() as { entries: unknown[] }).entries.length;
  /** The Approve button's submit value on the manager's newest card for this request. */
  const approveValue = (number: string) => {
    const card = [...manager.seen].reverse().find((a) => textOf([a]).includes(`Approval: ${number}`) && submitsOf(a).length > 0);
    return submitsOf(card!).find((b) => b.title === 'Approve')!.data;
  };

  it('When a manager says "my approvals", then each pending request comes as a card with Approve and Deny; decided ones drop off', async () => {
    const first = await submitThrough(e, ethan, laptop);
    const second = await submitThrough(e, sofia, laptop);
    await manager.unread();

    const listed = await manager.send('my approvals');
    expectSays(listed, ['2 requests are waiting for your approval', `Approval: ${first}`, `Approval: ${second}`, 'Requester: Ethan Brooks', 'Requester: Sofia Rossi'], 'my approvals');
    const cards = listed.filter((a) => submitsOf(a).some((b) => b.title === 'Approve'));
    expect(cards).toHaveLength(2);

    expectSays(await manager.send({ click: 'Approve' }), `Approved ${second}`, 'approving the newest card');
    expectSays(await manager.send('show my pending approvals'), ['1 request is waiting for your approval', `Approval: ${first}`, { not: `Approval: ${second}` }], 'after one decision');
    expectSays(await (await e.chat('dana.lee@example.com')).send('my approvals'), 'Nothing is waiting for your approval.', 'someone with nothing to approve');
  });

  it('When someone other than the approver posts the card\'s Approve, then it is refused and nothing changes', async () => {
    const number = await submitThrough(e, ethan, laptop);
    await manager.unread();
    const before = await auditCount(number);

    const stranger = await e.chat(sofia);
    const res = await stranger.post({ type: 'message', from: { id: sofia }, value: approveValue(number) });
    expect(res.statusCode).toBe(200);
    expectSays(await stranger.unread(), 'This approval is assigned to Nina Petrova', 'the wrong person');

    const api = await e.api(sofia, 'POST', `/api/v1/approvals/${String(approveValue(number).approvalId)}/decision`, { decision: 'approve' });
    expect(api.statusCode).toBe(403);
    expect((await view(number))).toMatchObject({ status: 'awaiting_approval', approvals: [{ status: 'pending', decidedBy: null }] });
    expect(await auditCount(number)).toBe(before);
  });

  it('When the requester posts the Approve of their own request, then it is refused and nothing changes', async () => {
    const number = await submitThrough(e, ethan, laptop);
    await manager.unread();
    const me = await e.chat(ethan);
    await me.post({ type: 'message', from: { id: ethan }, value: approveValue(number) });
    expectSays(await me.unread(), `You cannot decide on your own request ${number}`, 'the requester');
    expect((await view(number))).toMatchObject({ status: 'awaiting_approval', approvals: [{ status: 'pending' }] });
  });

  it('When a Deny arrives without a reason, then the approver is asked for one and nothing changes', async () => {
    const number = await submitThrough(e, ethan, laptop);
    await manager.unread();
    expectSays(await manager.send({ click: 'Deny', inputs: { comment: '  ' } }), 'A reason is required to deny', 'deny without a reason');
    expect((await view(number)).status).toBe('awaiting_approval');
  });

  it('When the approver clicks Approve twice or the submit is replayed, then the second changes nothing and says so', async () => {
    const number = await submitThrough(e, ethan, laptop);
    await manager.unread();
    const value = approveValue(number);
    expectSays(await manager.send({ click: 'Approve' }), `Approved ${number}`, 'first click');
    const afterFirst = await view(number);
    const auditAfterFirst = await auditCount(number);
    const requester = await e.chat(ethan);
    await requester.unread();

    await manager.post({ type: 'message', from: { id: nina }, value });
    expectSays(await manager.unread(), [/Already approved by Nina Petrova at .*; nothing changed/, { not: `Approved ${number}.` }], 'replayed submit');
    await manager.post({ type: 'message', from: { id: nina }, value: { ...value, action: 'approval.deny', comment: 'changed my mind' } });
    expectSays(await manager.unread(), 'Already approved by Nina Petrova', 'deny after approve');

    expect(await view(number)).toEqual(afterFirst);
    expect(await auditCount(number)).toBe(auditAfterFirst);
    expect(await requester.unread(), 'the requester hears nothing more').toEqual([]);
  });

  it('When the requester cancels before the decision, then the card says withdrawn and a later Approve changes nothing', async () => {
    const number = await submitThrough(e, ethan, laptop);
    await manager.unread();
    const value = approveValue(number);

    expectSays(await (await e.chat(sofia)).send(`cancel ${number}`), `Only the requester can cancel ${number}`, 'someone else cancelling');
    expectSays(await (await e.chat(ethan)).send(`cancel ${number}`), `${number} is cancelled.`, 'the requester cancelling');
    const updated = await manager.unread();
    expectSays(updated, [`Approval: ${number}`, 'Withdrawn: no longer needed by Ethan Brooks'], 'the approver\'s card');
    expect(updated.flatMap(submitsOf)).toEqual([]);

    await manager.post({ type: 'message', from: { id: nina }, value });
    expectSays(await manager.unread(), new RegExp(`${number} was cancelled by the requester at .*; nothing changed`), 'approve after cancel');
    const after = await view(number);
    expect(after.status).toBe('cancelled');
    expect(after.approvals).toMatchObject([{ status: 'cancelled', decidedBy: null }]);
    expect((after.history as Array<{ to: string; by: string }>).map((h) => [h.to, h.by])).toEqual([['submitted', ethan], ['awaiting_approval', 'system'], ['cancelled', ethan]]);
  });

  it('When the requester cancels during fulfilment, then the team\'s pending task is cancelled and cannot be completed', async () => {
    const number = await submitThrough(e, ethan, laptop);
    await manager.unread();
    await manager.send({ click: 'Approve' });
    const queue = async () => ((await e.api('carlos.mendes@example.com', 'GET', '/api/v1/tasks?team=it-hardware')).json() as { tasks: Array<{ id: string; requestNumber: string }> }).tasks;
    const task = (await queue()).find((t) => t.requestNumber === number);
    expect(task, 'an it-hardware task is waiting').toBeDefined();

    const me = await e.chat(ethan);
    expectSays(await me.send(`cancel ${number}`), `${number} is cancelled.`, 'cancel during fulfilment');
    expect((await queue()).find((t) => t.requestNumber === number)).toBeUndefined();
    const after = await view(number);
    expect(after.status).toBe('cancelled');
    expect(after.steps).toMatchObject([{ id: task!.id, status: 'cancelled' }]);

    const complete = await e.api('carlos.mendes@example.com', 'POST', `/api/v1/tasks/${task!.id}/complete`, { note: 'Shipped anyway' });
    expect(complete.statusCode).toBe(409);
    expect(complete.json()).toMatchObject({ message: expect.stringContaining('nothing changed') });
    expectSays(await me.send(`cancel ${number}`), `${number} is already cancelled; nothing changed`, 'cancelling twice');
    expect((await view(number)).status).toBe('cancelled');
  });
});
