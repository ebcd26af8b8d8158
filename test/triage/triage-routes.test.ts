import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/messages/reply.js';
import type { Deps } from '../../src/deps.js';
import { buildTestApp } from '../support/test-app.js';

let deps: Deps;
let app: FastifyInstance;
let close: () => Promise<void>;

const agent = { 'x-frontdoor-person': 'fatima.haddad@example.com' };
const employee = 'ethan.brooks@example.com';

beforeAll(async () => {
  ({ deps, app, close } = await buildTestApp({ name: 'triage', env: { FRONTDOOR_MODE: 'embedded' } }));
});
afterAll(async () => {
  await close();
});

async function say(email: string, conversationId: string, text: string): Promise<Reply[]> {
  const person = await deps.directory.findByEmail(email);
  return deps.engine.handle({ channel: 'webchat', conversationId, person: person!, text });
}

async function openItem(conversationId: string, text = 'asdf qwerty zxcv'): Promise<string> {
  await say(employee, conversationId, text);
  const items = (await app.inject({ method: 'GET', url: '/api/v1/triage?status=open', headers: agent })).json().items as Array<{ id: string; conversationId: string }>;
  const item = items.find((i) => i.conversationId === conversationId);
  expect(item).toBeDefined();
  return item!.id;
}

async function sentTo(email: string): Promise<Reply[]> {
  return (await deps.store.read.outbox.forPerson(email)).flatMap((row) => (row.payload as { replies: Reply[] }).replies);
}

describe('triage API', () => {
  it('When nobody is signed in, then listing is refused with 401', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/triage?status=open' });
    expect(response.statusCode).toBe(401);
  });

  it('When someone who is not an agent lists or resolves, then 403', async () => {
    const id = await openItem('t-403');
    const headers = { 'x-frontdoor-person': 'sam.patel@example.com' };
    expect((await app.inject({ method: 'GET', url: '/api/v1/triage', headers })).statusCode).toBe(403);
    const resolve = await app.inject({ method: 'POST', url: `/api/v1/triage/${id}/resolve`, headers, payload: { answer: 'hi' } });
    expect(resolve.statusCode).toBe(403);
    expect((await deps.triage.get(id)).status).toBe('open');
  });

  it('When an agent lists open items, then each has the text, the transcript and the ranked candidates', async () => {
    await openItem('t-list', 'zzkj qqpl vvmn');
    const response = await app.inject({ method: 'GET', url: '/api/v1/triage?status=open', headers: agent });
    expect(response.statusCode).toBe(200);
    const item = response.json().items.find((i: { conversationId: string }) => i.conversationId === 't-list');
    expect(item).toMatchObject({ status: 'open', personId: employee, text: 'zzkj qqpl vvmn', transcript: ['Ethan Brooks: zzkj qqpl vvmn'] });
    expect(item.candidates.length).toBeGreaterThan(0);
  });

  it('When the agent picks an intent, then the employee\'s dialog starts in their conversation and they can answer', async () => {
    const id = await openItem('t-intent', 'blorp the frobnicator');
    const response = await app.inject({ method: 'POST', url: `/api/v1/triage/${id}/resolve`, headers: agent, payload: { intent: 'request-mobile-phone' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'resolved', resolution: { intent: 'request-mobile-phone' }, resolvedBy: 'fatima.haddad@example.com' });
    expect(await sentTo(employee)).toContainEqual(expect.objectContaining({ kind: 'question', fieldId: 'model' }));
    const next = await say(employee, 't-intent', 'pixel');
    expect(next).toContainEqual(expect.objectContaining({ kind: 'question', fieldId: 'reason' }));
  });

  it('When a hand-off had answers, then the agent\'s pick continues with them', async () => {
    const chat = 't-handoff';
    await say('chloe.martin@example.com', chat, 'I need a work phone');
    await say('chloe.martin@example.com', chat, 'samsung');
    await say('chloe.martin@example.com', chat, 'talk to a person');
    const items = (await app.inject({ method: 'GET', url: '/api/v1/triage?status=open', headers: agent })).json().items as Array<{ id: string; conversationId: string; dialog?: unknown }>;
    const item = items.find((i) => i.conversationId === chat)!;
    expect(item.dialog).toEqual({ requestTypeId: 'mobile-phone', fields: { model: 'galaxy-a55' } });
    await app.inject({ method: 'POST', url: `/api/v1/triage/${item.id}/resolve`, headers: agent, payload: { intent: 'request-mobile-phone' } });
    expect(await sentTo('chloe.martin@example.com')).toContainEqual(expect.objectContaining({ kind: 'question', fieldId: 'reason' }));
  });

  it('When the agent answers as a person, then the employee gets the answer; a second resolve is 409', async () => {
    const id = await openItem('t-answer', 'glorp wibble');
    const first = await app.inject({ method: 'POST', url: `/api/v1/triage/${id}/resolve`, headers: agent, payload: { answer: 'Restart the VPN client and try again.' } });
    expect(first.statusCode).toBe(200);
    expect(await sentTo(employee)).toContainEqual({ kind: 'text', text: 'Fatima Haddad from the service desk: Restart the VPN client and try again.' });
    const second = await app.inject({ method: 'POST', url: `/api/v1/triage/${id}/resolve`, headers: agent, payload: { intent: 'request-vpn' } });
    expect(second.statusCode).toBe(409);
    expect((await deps.triage.get(id)).resolution).toEqual({ answer: 'Restart the VPN client and try again.' });
  });

  it('When the API description is read, then both triage routes are in it', async () => {
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/docs/json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/triage', '/api/v1/triage/{id}/resolve']));
  });

  it('When the item does not exist, then 404; an unknown intent or an empty body is 400', async () => {
    const missing = await app.inject({ method: 'POST', url: '/api/v1/triage/no-such-item/resolve', headers: agent, payload: { answer: 'x' } });
    expect(missing.statusCode).toBe(404);
    const id = await openItem('t-400', 'plimf zark');
    expect((await app.inject({ method: 'POST', url: `/api/v1/triage/${id}/resolve`, headers: agent, payload: { intent: 'no-such-intent' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `/api/v1/triage/${id}/resolve`, headers: agent, payload: {} })).statusCode).toBe(400);
    expect((await deps.triage.get(id)).status).toBe('open');
  });

  it('When an agent narrows the list by channel, who has it and words, then only matching items come back', async () => {
    const first = await openItem('t-filter-1', 'snarfle umbrage');
    const second = await openItem('t-filter-2', 'kerfuffle blim');
    const carlos = { 'x-frontdoor-person': 'carlos.mendes@example.com' };
    expect((await app.inject({ method: 'POST', url: `/api/v1/triage/${second}/take-over`, headers: carlos })).statusCode).toBe(200);
    const ids = async (query: string) => ((await app.inject({ method: 'GET', url: `/api/v1/triage?${query}`, headers: agent })).json().items as Array<{ id: string }>).map((i) => i.id);
    expect(await ids('q=SNARFLE')).toEqual([first]);
    expect(await ids('takenBy=carlos.mendes%40example.com')).toEqual([second]);
    expect(await ids('status=taken&q=kerfuffle')).toEqual([second]);
    expect(await ids('channel=slack&q=snarfle')).toEqual([]);
    expect(await ids('channel=webchat&q=snarfle')).toEqual([first]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/triage?channel=fax', headers: agent })).statusCode).toBe(400);
  });

  it('When the agent who took a conversation over answers through resolve, then the take-over ends with that note and no dialog starts; another agent gets 409', async () => {
    const id = await openItem('t-note', 'vexil quorble');
    expect((await app.inject({ method: 'POST', url: `/api/v1/triage/${id}/take-over`, headers: agent })).statusCode).toBe(200);
    const other = await app.inject({ method: 'POST', url: `/api/v1/triage/${id}/resolve`, headers: { 'x-frontdoor-person': 'carlos.mendes@example.com' }, payload: { answer: 'mine now' } });
    expect(other.statusCode).toBe(409);
    const resolved = await app.inject({ method: 'POST', url: `/api/v1/triage/${id}/resolve`, headers: agent, payload: { answer: 'Your account is unlocked.' } });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', takenBy: 'fatima.haddad@example.com', handedBack: { note: 'Your account is unlocked.' } });
    expect(await sentTo(employee)).toContainEqual({ kind: 'text', text: 'Fatima Haddad: Your account is unlocked.' });
    // Back with the assistant: the next message is understood again, not relayed.
    const next = await say(employee, 't-note', 'I need a work phone');
    expect(JSON.stringify(next)).toContain('"fieldId":"model"');
    const audit = await deps.store.read.audit.listForTarget('triage-item', id);
    expect(audit.map((r) => [r.action, r.reason])).toEqual([['triage.take-over', null], ['triage.hand-back', 'Your account is unlocked.']]);
  });
});
