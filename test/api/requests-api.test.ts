import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import { laptopFields, startApiHarness, type ApiHarness } from '../lifecycle/harness.js';

let h: ApiHarness;
let app: FastifyInstance;
const tokens: Record<string, string> = {};

async function tokenFor(email: string, roles: Role[]): Promise<string> {
  const key = `${email}:${roles.join(',')}`;
  tokens[key] ??= (await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token;
  return tokens[key]!;
}
const as = async (email: string, roles: Role[]) => ({ authorization: `Bearer ${await tokenFor(email, roles)}` });

beforeAll(async () => {
  h = await startApiHarness();
  app = h.app;
});
afterAll(() => h.close());

describe('GET /api/v1/catalog', () => {
  it('When a requester lists or searches the catalog, then request types come back', async () => {
    const headers = await as('sam.patel@example.com', ['requester']);
    const all = await app.inject({ url: '/api/v1/catalog', headers });
    expect(all.statusCode).toBe(200);
    expect(all.json().requestTypes.map((t: { id: string }) => t.id)).toContain('laptop');
    const found = await app.inject({ url: '/api/v1/catalog?q=forgot%20my%20password', headers });
    expect(found.json().requestTypes[0].id).toBe('password-reset');
    const one = await app.inject({ url: '/api/v1/catalog/laptop', headers });
    const model = one.json().fields.find((f: { id: string }) => f.id === 'model');
    expect(model.options.map((o: { value: string }) => o.value)).toContain('macbook-pro-16');
    expect((await app.inject({ url: '/api/v1/catalog/no-such-thing', headers })).statusCode).toBe(404);
  });

  it('When there is no token, then 401; with only the auditor role, then 403', async () => {
    expect((await app.inject({ url: '/api/v1/catalog' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/catalog', headers: await as('ethan.brooks@example.com', ['auditor']) })).statusCode).toBe(403);
  });
});

describe('requests', () => {
  it('When a request is submitted over the API, then it is numbered, visible to its requester and listed as mine', async () => {
    const headers = await as('sam.patel@example.com', ['requester']);
    const created = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: { requestTypeId: 'laptop', fields: laptopFields } });
    expect(created.statusCode).toBe(201);
    const { number, status, next } = created.json();
    expect(status).toBe('awaiting_approval');
    expect(next).toBe('Waiting for Dana Lee (your manager) to approve.');
    const got = await app.inject({ url: `/api/v1/requests/${number}`, headers });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ number, channel: 'api', status: 'awaiting_approval', requester: { name: 'Sam Patel' }, statusLine: { waitingOn: 'Dana Lee (your manager)' }, catalogVersion: h.deps.catalog.version });
    const mine = await app.inject({ url: '/api/v1/requests', headers });
    expect(mine.json().requests.map((r: { number: string }) => r.number)).toContain(number);
  });

  it('When a client retries a submission with the same Idempotency-Key, then it gets the first request back and nothing new is recorded; another person\'s same key is their own', async () => {
    const headers = { ...(await as('jordan.rivera@example.com', ['requester'])), 'idempotency-key': 'order-7f3a' };
    const payload = { requestTypeId: 'laptop', fields: laptopFields };
    const first = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload });
    const retried = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(retried.statusCode).toBe(201);
    expect(retried.json().number).toBe(first.json().number);
    const mine = await app.inject({ url: '/api/v1/requests', headers });
    expect(mine.json().requests.filter((r: { number: string }) => r.number === first.json().number)).toHaveLength(1);
    expect(mine.json().requests).toHaveLength(1);
    const someoneElse = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: { ...(await as('ravi.shah@example.com', ['requester'])), 'idempotency-key': 'order-7f3a' }, payload });
    expect(someoneElse.statusCode).toBe(201);
    expect(someoneElse.json().number).not.toBe(first.json().number);
  });

  it('When an Idempotency-Key is sent again with a different body, then 422 and nothing new is recorded', async () => {
    const headers = { ...(await as('maya.fischer@example.com', ['requester'])), 'idempotency-key': 'order-9c1e' };
    const first = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: { requestTypeId: 'laptop', fields: laptopFields } });
    expect(first.statusCode).toBe(201);
    const other = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: { requestTypeId: 'laptop', fields: { ...laptopFields, 'delivery-location': 'Berlin' } } });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toEqual({ error: 'key_reused', message: `This idempotency key was used for ${first.json().number} with different answers; send a new key for a new request` });
    const sameAgain = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: { requestTypeId: 'laptop', fields: { ...laptopFields } } });
    expect(sameAgain.json().number).toBe(first.json().number);
    const mine = await app.inject({ url: '/api/v1/requests', headers });
    expect(mine.json().requests).toHaveLength(1);
  });

  it('When a product with no free licence seat is asked for over the API, then 400 names the field with the pre-check\'s message and nothing is recorded', async () => {
    const headers = await as('liam.oconnor@example.com', ['requester']);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: { requestTypeId: 'software', fields: { product: 'sketch', justification: 'Mock-ups for the finance dashboard' } } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fieldErrors).toEqual({ product: 'There are no free Sketch licences right now. Pick another product, or say "talk to a person" and the service desk will help.' });
    expect((await app.inject({ url: '/api/v1/requests', headers })).json().requests).toEqual([]);
    const free = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: { requestTypeId: 'software', fields: { product: 'figma', justification: 'Mock-ups for the finance dashboard' } } });
    expect(free.statusCode).toBe(201);
  });

  it('When fields are wrong, then 400 names each field; an unknown type, 400 too', async () => {
    const headers = await as('sam.patel@example.com', ['requester']);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: { requestTypeId: 'laptop', fields: { model: 'gold-plated', reason: 'replacement', 'asset-tag': 'XX' } } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fieldErrors)).toEqual(expect.arrayContaining(['model', 'delivery-location']));
    const sales = await as('lucas.silva@example.com', ['requester']);
    const notOffered = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: sales, payload: { requestTypeId: 'laptop', fields: { ...laptopFields, model: 'macbook-pro-16' } } });
    expect(notOffered.statusCode).toBe(400);
    expect(notOffered.json().fieldErrors.model).toContain('not one of the choices');
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: { requestTypeId: 'spaceship', fields: {} } });
    expect(unknown.statusCode).toBe(400);
    const malformed = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: { fields: [] } });
    expect(malformed.statusCode).toBe(400);
  });

  it('When someone unrelated asks for a request, then 404; a bad number is 400', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: await as('sam.patel@example.com', ['requester']), payload: { requestTypeId: 'laptop', fields: laptopFields } });
    const other = await as('lucas.silva@example.com', ['requester']);
    expect((await app.inject({ url: `/api/v1/requests/${created.json().number}`, headers: other })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/requests/REQ-999999', headers: other })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/requests/42', headers: other })).statusCode).toBe(400);
  });

  it('When a requester cancels, then 200; again, 409; someone else, 403', async () => {
    const headers = await as('sam.patel@example.com', ['requester']);
    const { number } = (await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: { requestTypeId: 'laptop', fields: laptopFields } })).json();
    const stranger = await app.inject({ method: 'POST', url: `/api/v1/requests/${number}/cancel`, headers: await as('lucas.silva@example.com', ['requester']), payload: {} });
    expect(stranger.statusCode).toBe(403);
    const cancelled = await app.inject({ method: 'POST', url: `/api/v1/requests/${number}/cancel`, headers, payload: { reason: 'No longer needed' } });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().message).toBe(`${number} is cancelled.`);
    expect((await app.inject({ method: 'POST', url: `/api/v1/requests/${number}/cancel`, headers, payload: {} })).statusCode).toBe(409);
    const view = (await app.inject({ url: `/api/v1/requests/${number}`, headers })).json();
    expect(view.history.at(-1)).toMatchObject({ to: 'cancelled', by: 'sam.patel@example.com', reason: 'No longer needed' });
  });

  it('When the password reset limit is reached, then 429 with when to try again', async () => {
    const headers = await as('kenji.watanabe@example.com', ['requester']);
    const payload = { requestTypeId: 'password-reset', fields: { action: 'reset', account: 'network' } };
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload })).statusCode).toBe(201);
    const fourth = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().message).toMatch(/limit of 3 password resets in 24 hours; try again after/);
  });

  it('When a non-manager asks for an onboarding, then 403 with the catalog message', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: await as('kenji.watanabe@example.com', ['requester']), payload: { requestTypeId: 'onboarding', fields: {} } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'not_eligible', message: expect.stringMatching(/^Only people managers/) });
  });
});

describe('approvals, tasks and audit', () => {
  it('When the manager decides over the API, then the rules of the card apply and the hardware team completes the task', async () => {
    const sam = await as('sam.patel@example.com', ['requester']);
    const { number } = (await app.inject({ method: 'POST', url: '/api/v1/requests', headers: sam, payload: { requestTypeId: 'laptop', fields: laptopFields } })).json();
    const dana = await as('dana.lee@example.com', ['approver']);
    const queue = await app.inject({ url: '/api/v1/approvals', headers: dana });
    const card = queue.json().approvals.find((c: { requestNumber: string }) => c.requestNumber === number);
    expect(card).toMatchObject({ kind: 'approval', requester: 'Sam Patel' });

    expect((await app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: sam, payload: { decision: 'approve' } })).statusCode).toBe(403);
    const wrong = await app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: await as('ravi.shah@example.com', ['approver']), payload: { decision: 'approve' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().message).toBe('This approval is assigned to Dana Lee');
    const noReason = await app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: dana, payload: { decision: 'deny' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fieldErrors).toHaveProperty('comment');
    expect((await app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: dana, payload: { decision: 'maybe' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/approvals/00000000-0000-4000-8000-000000000000/decision', headers: dana, payload: { decision: 'approve' } })).statusCode).toBe(404);

    const approved = await app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: dana, payload: { decision: 'approve', comment: 'Fine' } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().card.outcome).toEqual({ decision: 'approved', by: 'Dana Lee', comment: 'Fine' });
    await h.deps.fulfilment.idle();
    const again = await app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: dana, payload: { decision: 'approve' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/^Already approved by Dana Lee at \d\d:\d\d; nothing changed$/);

    const carlos = await as('carlos.mendes@example.com', ['fulfiller']);
    expect((await app.inject({ url: '/api/v1/tasks?team=procurement', headers: carlos })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/tasks', headers: carlos })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/tasks?team=it-hardware', headers: sam })).statusCode).toBe(403);
    const tasks = (await app.inject({ url: '/api/v1/tasks?team=it-hardware', headers: carlos })).json().tasks;
    const task = tasks.find((t: { requestNumber: string }) => t.requestNumber === number);
    const progressed = await app.inject({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, headers: carlos, payload: { subStatus: 'scheduled', note: 'Pick-up Friday' } });
    expect(progressed.json()).toMatchObject({ subStatus: 'scheduled' });
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, headers: carlos, payload: { subStatus: 'on_holiday' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/complete`, headers: carlos, payload: { note: '' } })).statusCode).toBe(400);
    const completed = await app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/complete`, headers: carlos, payload: { note: 'Handed over at the desk' } });
    expect(completed.json()).toMatchObject({ status: 'done', note: 'Handed over at the desk' });
    await h.deps.fulfilment.idle();
    expect((await app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/complete`, headers: carlos, payload: { note: 'twice' } })).statusCode).toBe(409);
    const view = (await app.inject({ url: `/api/v1/requests/${number}`, headers: sam })).json();
    expect(view.status).toBe('fulfilled');

    expect((await app.inject({ url: `/api/v1/audit/requests/${number}`, headers: sam })).statusCode).toBe(403);
    const auditor = await as('ethan.brooks@example.com', ['auditor']);
    const trail = await app.inject({ url: `/api/v1/audit/requests/${number}`, headers: auditor });
    expect(trail.statusCode).toBe(200);
    const entries = trail.json().entries as Array<{ action: string; actor: string; channel: string; reason: string | null }>;
    expect(entries.map((e) => [e.action, e.actor, e.channel])).toEqual(expect.arrayContaining([
      ['request.submitted', 'sam.patel@example.com', 'api'],
      ['approval.approved', 'dana.lee@example.com', 'api'],
      ['fulfilment-step.sub-status', 'carlos.mendes@example.com', 'api'],
      ['fulfilment-step.done', 'carlos.mendes@example.com', 'api'],
      ['request.fulfilled', 'system', 'system'],
    ]));
    expect((await app.inject({ url: '/api/v1/audit/requests/REQ-999999', headers: auditor })).statusCode).toBe(404);
  });

  it('When the hardware team fails its task over the API, then the request fails; the service desk overrides the step and it is fulfilled', async () => {
    const ben = await as('ben.walker@example.com', ['requester']);
    const { number } = (await app.inject({ method: 'POST', url: '/api/v1/requests', headers: ben, payload: { requestTypeId: 'laptop', fields: laptopFields } })).json();
    const ravi = await as('ravi.shah@example.com', ['approver']);
    const card = (await app.inject({ url: '/api/v1/approvals', headers: ravi })).json().approvals.find((c: { requestNumber: string }) => c.requestNumber === number);
    expect((await app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: ravi, payload: { decision: 'approve' } })).statusCode).toBe(200);
    await h.deps.fulfilment.idle();
    const carlos = await as('carlos.mendes@example.com', ['fulfiller']);
    const task = (await app.inject({ url: '/api/v1/tasks?team=it-hardware', headers: carlos })).json().tasks.find((t: { requestNumber: string }) => t.requestNumber === number);
    expect((await app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/fail`, headers: carlos, payload: { reason: ' ' } })).statusCode).toBe(400);
    const failed = await app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/fail`, headers: carlos, payload: { reason: 'Out of stock after all' } });
    expect(failed.json()).toMatchObject({ status: 'failed' });
    expect((await app.inject({ url: `/api/v1/requests/${number}`, headers: ben })).json()).toMatchObject({ status: 'failed', steps: [{ status: 'failed', error: 'Out of stock after all' }] });

    expect((await app.inject({ method: 'POST', url: `/api/v1/steps/${task.id}/override`, headers: carlos, payload: { note: 'Shipped' } })).statusCode).toBe(403);
    const agent = await as('ravi.shah@example.com', ['agent']);
    expect((await app.inject({ method: 'POST', url: `/api/v1/steps/${task.id}/retry`, headers: agent, payload: {} })).statusCode).toBe(400);
    const overridden = await app.inject({ method: 'POST', url: `/api/v1/steps/${task.id}/override`, headers: agent, payload: { note: 'Shipped from the London spare pool' } });
    expect(overridden.statusCode, overridden.body).toBe(200);
    expect(overridden.json()).toMatchObject({ id: task.id, status: 'done', note: 'Shipped from the London spare pool' });
    await h.deps.fulfilment.idle();
    expect((await app.inject({ url: `/api/v1/requests/${number}`, headers: ben })).json()).toMatchObject({ status: 'fulfilled' });
    expect((await app.inject({ method: 'POST', url: `/api/v1/steps/${task.id}/retry`, headers: agent, payload: { reason: 'again' } })).statusCode).toBe(409);
  });

  it('When the embedded web chat identity header is used, then the approver queue is that person\'s', async () => {
    const res = await app.inject({ url: '/api/v1/approvals', headers: { 'x-frontdoor-person': 'dana.lee@example.com' } });
    expect(res.statusCode).toBe(200);
    expect(Array.isArray(res.json().approvals)).toBe(true);
  });

  it('When the OpenAPI document is read, then the API routes are described with bearer security', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json();
    for (const path of ['/api/v1/catalog', '/api/v1/requests', '/api/v1/requests/{number}', '/api/v1/approvals/{id}/decision', '/api/v1/tasks/{id}/complete', '/api/v1/audit/requests/{number}']) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.paths['/api/v1/requests'].post.security).toEqual([{ bearer: [] }]);
  });
});
