import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/messages/reply.js';
import { startE2E, textOf, type E2E } from '../e2e/e2e-harness.js';

const agent = 'fatima.haddad@example.com'; // service desk
const otherAgent = 'carlos.mendes@example.com'; // service desk
const employee = 'ethan.brooks@example.com';

let e: E2E;
beforeAll(async () => { e = await startE2E(); });
afterAll(async () => { await e.close(); });

interface ItemView { id: string; status: string; conversationId: string; transcript: string[]; takenBy?: string; handedBack?: { intent?: string }; dialog?: unknown }

async function openItemOf(email: string): Promise<ItemView> {
  const items = (await e.api(agent, 'GET', '/api/v1/triage?status=open')).json().items as ItemView[];
  const mine = items.filter((i) => (i as unknown as { personId: string }).personId === email);
  expect(mine.length, `an open triage item of ${email}`).toBeGreaterThan(0);
  return mine.at(-1)!;
}

async function sentTo(email: string): Promise<Reply[]> {
  return (await e.deps.store.read.outbox.forPerson(email)).flatMap((row) => (row.payload as { replies: Reply[] }).replies);
}

const questionFields = (activities: Array<Record<string, unknown>>) => JSON.stringify(activities);

describe('Warm hand-off through the API, with the employee in the web chat', () => {
  it('When an agent takes over a triaged chat, then both sides talk through Frontdoor until the hand-back starts the picked request', async () => {
    const chat = await e.chat(employee);
    const agentChat = await e.chat(agent);
    expect(textOf(await chat.send('blorp wibble zark'))).toMatch(/passed this to the service desk/);
    const item = await openItemOf(employee);

    const taken = await e.api(agent, 'POST', `/api/v1/triage/${item.id}/take-over`);
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'taken', takenBy: agent });
    expect(textOf(await chat.unread())).toContain('Fatima Haddad from the service desk has joined; you are now talking to a person.');

    // Said while with the agent: relayed, not understood as a request.
    expect(await chat.send('I need a laptop, mine is broken')).toEqual([]);
    expect(textOf(await agentChat.unread())).toContain('Ethan Brooks: I need a laptop, mine is broken');
    expect(await sentTo(agent)).toContainEqual({ kind: 'text', text: 'Ethan Brooks: I need a laptop, mine is broken', relayToAgent: { triageId: item.id } });

    const said = await e.api(agent, 'POST', `/api/v1/triage/${item.id}/messages`, { text: 'Sorry to hear that. Is it a work phone you need, actually?' });
    expect(said.statusCode).toBe(200);
    expect(textOf(await chat.unread())).toBe('Fatima Haddad: Sorry to hear that. Is it a work phone you need, actually?');
    await chat.send('yes, a phone');
    expect((await e.api(agent, 'GET', `/api/v1/triage?status=taken`)).json().items.map((i: ItemView) => i.id)).toContain(item.id);

    const back = await e.api(agent, 'POST', `/api/v1/triage/${item.id}/hand-back`, { intent: 'request-mobile-phone' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'resolved', takenBy: agent, handedBack: { intent: 'request-mobile-phone' } });
    expect(back.json().transcript).toEqual(expect.arrayContaining([
      'Ethan Brooks: blorp wibble zark',
      'Ethan Brooks: I need a laptop, mine is broken',
      'Fatima Haddad: Sorry to hear that. Is it a work phone you need, actually?',
      'Ethan Brooks: yes, a phone',
    ]));
    const resumed = await chat.unread();
    expect(textOf(resumed)).toContain('Fatima Haddad has handed you back to the assistant.');
    expect(questionFields(resumed)).toContain('"fieldId":"model"');

    // Back with the assistant: the dialog takes answers again, and nothing more goes to the agent.
    const before = (await sentTo(agent)).length;
    expect(questionFields(await chat.send('pixel'))).toContain('"fieldId":"reason"');
    expect((await sentTo(agent)).length).toBe(before);

    const audit = await e.deps.store.read.audit.listForTarget('triage-item', item.id);
    expect(audit.map((r) => [r.action, r.actorId])).toEqual([['triage.take-over', agent], ['triage.hand-back', agent]]);
  });

  it('When a form was half filled before the hand-off, then the hand-back resumes it with the answers kept and asks the next question', async () => {
    const chat = await e.chat('chloe.martin@example.com');
    await chat.send('I need a work phone');
    await chat.send('samsung');
    await chat.send('talk to a person');
    const item = await openItemOf('chloe.martin@example.com');
    expect(item.dialog).toEqual({ requestTypeId: 'mobile-phone', fields: { model: 'galaxy-a55' } });

    expect((await e.api(agent, 'POST', `/api/v1/triage/${item.id}/take-over`)).statusCode).toBe(200);
    await chat.unread();
    await chat.send('Can I get the bigger one?');
    await e.api(agent, 'POST', `/api/v1/triage/${item.id}/messages`, { text: 'The Galaxy is the only size; carrying on with it.' });
    await e.api(agent, 'POST', `/api/v1/triage/${item.id}/hand-back`, { intent: 'request-mobile-phone' });

    const resumed = await chat.unread();
    expect(textOf(resumed)).toContain('The Galaxy is the only size');
    expect(questionFields(resumed)).toContain('"fieldId":"reason"');
    expect(questionFields(resumed)).not.toContain('"fieldId":"model"');
  });

  it('When the agent hands back without an intent, then the employee is back with the assistant and is understood again', async () => {
    const chat = await e.chat('nina.petrova@example.com');
    await chat.send('qwzx plonk');
    const item = await openItemOf('nina.petrova@example.com');
    await e.api(agent, 'POST', `/api/v1/triage/${item.id}/take-over`);
    const back = await e.api(agent, 'POST', `/api/v1/triage/${item.id}/hand-back`);
    expect(back.statusCode, back.body).toBe(200);
    expect(textOf(await chat.unread())).toContain('Fatima Haddad has handed you back to the assistant. What else can I help you with?');
    expect(questionFields(await chat.send('I need a work phone'))).toContain('"fieldId":"model"');
    expect((await e.api(agent, 'GET', `/api/v1/triage?status=resolved`)).json().items.map((i: ItemView) => i.id)).toContain(item.id);
  });

  it('When the wrong people act, then 401, 403, 404, 409 and 400 say why and the item is unchanged', async () => {
    const chat = await e.chat('marcus.chen@example.com');
    await chat.send('frimble gorp snaz');
    const item = await openItemOf('marcus.chen@example.com');
    const url = `/api/v1/triage/${item.id}`;

    expect((await e.app.inject({ method: 'POST', url: `${url}/take-over` })).statusCode).toBe(401);
    expect((await e.api('sam.patel@example.com', 'POST', `${url}/take-over`)).statusCode).toBe(403);
    expect((await e.api(agent, 'POST', '/api/v1/triage/no-such-item/take-over')).statusCode).toBe(404);
    expect((await e.api(agent, 'POST', `${url}/messages`, { text: 'hello' })).statusCode, 'not taken yet').toBe(409);

    expect((await e.api(agent, 'POST', `${url}/take-over`)).statusCode).toBe(200);
    const second = await e.api(otherAgent, 'POST', `${url}/take-over`);
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('already taken by Fatima Haddad');
    expect((await e.api(otherAgent, 'POST', `${url}/messages`, { text: 'me too' })).statusCode).toBe(409);
    expect((await e.api(agent, 'POST', `${url}/messages`, { text: '   ' })).statusCode).toBe(400);
    expect((await e.api(agent, 'POST', `${url}/hand-back`, { intent: 'no-such-intent' })).statusCode).toBe(400);
    expect((await e.api(agent, 'POST', `${url}/resolve`, { intent: 'request-vpn' })).statusCode).toBe(409);

    const now = (await e.api(agent, 'GET', '/api/v1/triage?status=taken')).json().items.find((i: ItemView) => i.id === item.id);
    expect(now).toMatchObject({ status: 'taken', takenBy: agent });
    expect(now.transcript.some((l: string) => l.includes('me too'))).toBe(false);
  });

  it('When the API description is read, then the hand-off routes are in it', async () => {
    const paths = Object.keys((await e.app.inject({ method: 'GET', url: '/docs/json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/triage/{id}/take-over', '/api/v1/triage/{id}/messages', '/api/v1/triage/{id}/hand-back']));
  });
});
