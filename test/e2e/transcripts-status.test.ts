import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type Chat, type E2E } from './e2e-harness.js';
import { expectSays, submitThrough, type Says } from './play-transcript.js';

const sam = 'sam.patel@example.com';
const dana = 'dana.lee@example.com';
const marcus = 'marcus.chen@example.com';

/**
 * "Where is it and who is it waiting on?" at every stage of an expensive laptop: two
 * approvals, a purchase by procurement (which waits for parts), then shipping by it-hardware.
 * Each stage asks by number, by kind ("where is my laptop?") and for all open requests.
 */
describe('Transcripts: status answers name the step and who it waits on, at every stage', () => {
  let e: E2E;
  let me: Chat;
  let number: string;
  beforeAll(async () => {
    e = await startE2E();
    await e.chat(dana);
    number = await submitThrough(e, sam, [
      ['I need a macbook pro 16', 'Is this a replacement'],
      [{ answer: 'additional' }, 'costs more than 2,000 EUR'],
      ['Training on-device ML models for the mobile app', 'Where should we deliver it?'],
      [{ answer: 'Berlin' }, 'MacBook Pro 16"'],
      [{ click: 'Confirm' }, /REQ-\d+/],
    ]);
    me = await e.chat(sam);
  });
  afterAll(async () => { await e.close(); });

  async function asked(questions: string[], says: Says[]): Promise<void> {
    for (const q of questions) expectSays(await me.send(q), [`${number}: Laptop or other hardware`, ...says], `"${q}"`);
  }
  const everyWay = () => [`status ${number}`, 'where is my laptop?', 'my requests'];
  const task = async (team: string, by: string) => ((await e.api(by, 'GET', `/api/v1/tasks?team=${team}`)).json() as { tasks: Array<{ id: string; requestNumber: string }> }).tasks.find((t) => t.requestNumber === number)!;

  it('When it waits for the manager, then it says approval 1 of 2 and names the manager', async () => {
    await asked(everyWay(), ['Status: Awaiting approval', 'Step: Approval 1 of 2: manager', 'Waiting on: Dana Lee (your manager)', 'Due:']);
  });

  it('When the approver asks about it, then the manager is named as the requester\'s', async () => {
    expectSays(await (await e.chat(dana)).send(`status ${number}`), ["Waiting on: Dana Lee (Sam Patel's manager)"], 'the approver asking');
    expectSays(await (await e.chat('aisha.khan@example.com')).send(`status ${number}`), [`There is no request ${number}`, { not: 'Waiting on' }], 'a stranger asking');
  });

  it('When the manager has approved, then it waits for the CFO as the second approver', async () => {
    const managerChat = await e.chat(dana);
    await managerChat.unread();
    await managerChat.send({ click: 'Approve' });
    expectSays(await me.unread(), 'was approved by Dana Lee (your manager). Now waiting for Marcus Chen', 'told of the first approval');
    await asked(everyWay(), ['Step: Approval 2 of 2: finance', 'Waiting on: Marcus Chen (approver for Laptop or other hardware)']);
  });

  it('When both have approved, then it waits for the procurement team to buy it', async () => {
    const cfo = await e.chat(marcus);
    expectSays(await cfo.send('my approvals'), `Approval: ${number}`, 'the CFO\'s approvals');
    await cfo.send({ click: 'Approve' });
    expectSays(await me.unread(), 'fulfilment has started', 'told of the second approval');
    await asked(everyWay(), ['Status: In fulfilment', /Step: Purchase MacBook Pro 16" .* \(procurement\)/, 'Waiting on: the procurement team']);
  });

  it('When procurement marks it awaiting parts, then the requester is told and the status says so', async () => {
    const purchase = await task('procurement', 'omar.farouk@example.com');
    const res = await e.api('omar.farouk@example.com', 'PATCH', `/api/v1/tasks/${purchase.id}`, { subStatus: 'awaiting_parts', note: 'Back-ordered, due in 5 days' });
    expect(res.statusCode).toBe(200);
    expectSays(await me.unread(), /is now waiting for parts \(Back-ordered, due in 5 days\)/, 'told of the sub-status');
    await asked([`status ${number}`], ['Status: In fulfilment (awaiting parts)', 'Waiting on: the procurement team']);
  });

  it('When procurement is done, then it waits for it-hardware to prepare and ship it', async () => {
    const purchase = await task('procurement', 'omar.farouk@example.com');
    expect((await e.api('omar.farouk@example.com', 'POST', `/api/v1/tasks/${purchase.id}/complete`, { note: 'Received from Apple' })).statusCode).toBe(200);
    await asked(everyWay(), ['Status: In fulfilment', /Step: Prepare and ship MacBook Pro 16" .* to Berlin \(it-hardware\)/, 'Waiting on: the it-hardware team', { not: 'awaiting parts' }]);
  });

  it('When it-hardware is done, then it is fulfilled, waits on nobody and leaves the open list', async () => {
    const ship = await task('it-hardware', 'carlos.mendes@example.com');
    expect((await e.api('carlos.mendes@example.com', 'POST', `/api/v1/tasks/${ship.id}/complete`, { note: 'Shipped, DHL 4711' })).statusCode).toBe(200);
    expectSays(await me.unread(), `${number} (Laptop or other hardware) is fulfilled.`, 'told it is fulfilled');
    await asked([`status ${number}`, 'where is my laptop?'], ['Status: Fulfilled', 'Waiting on: nobody', { not: 'Due:' }]);
    expectSays(await me.send('my requests'), ['You have no open requests.', { not: number }], '"my requests" once fulfilled');
  });
});
