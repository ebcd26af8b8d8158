import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/messages/reply.js';
import type { Deps } from '../../src/deps.js';
import { buildTestApp } from '../support/test-app.js';

let deps: Deps;
let app: FastifyInstance;
let close: () => Promise<void>;
let admin: Record<string, string>;

const agent = { 'x-frontdoor-person': 'fatima.haddad@example.com' };
const employee = 'ethan.brooks@example.com';

beforeAll(async () => {
  // Its own classifier cache: accepting examples retrains the classifier, which other tests share otherwise.
  ({ deps, app, close } = await buildTestApp({ name: 'training', ownClassifierCache: true, env: { FRONTDOOR_MODE: 'embedded' } }));
  const { token } = await deps.tokens.create({ email: 'grace.holloway@example.com', roles: ['catalog-admin'] }, { id: 'cli:test-operator', channel: 'cli' });
  admin = { authorization: `Bearer ${token}` };
});
afterAll(async () => {
  await close();
});

async function say(conversationId: string, text: string): Promise<Reply[]> {
  const person = await deps.directory.findByEmail(employee);
  return deps.engine.handle({ channel: 'webchat', conversationId, person: person!, text });
}

const handedOff = (replies: Reply[]) => replies.some((r) => r.kind === 'text' && r.text.includes('passed this to the service desk'));

/** The employee's message lands in triage and the agent places it; returns the candidate's id. */
async function triageAndResolve(conversationId: string, text: string, intent: string): Promise<string> {
  expect(handedOff(await say(conversationId, text)), `"${text}" should be unsure before any learning`).toBe(true);
  const items = (await app.inject({ method: 'GET', url: '/api/v1/triage?status=open', headers: agent })).json().items as Array<{ id: string; text: string }>;
  const item = items.find((i) => i.text === text)!;
  const resolved = await app.inject({ method: 'POST', url: `/api/v1/triage/${item.id}/resolve`, headers: agent, payload: { intent } });
  expect(resolved.statusCode).toBe(200);
  const listed = await app.inject({ method: 'GET', url: '/api/v1/training/candidates?status=proposed', headers: admin });
  expect(listed.statusCode).toBe(200);
  const candidate = (listed.json().items as Array<{ id: string; text: string; intent: string; triageId: string; proposedBy: string }>).find((c) => c.triageId === item.id);
  expect(candidate).toMatchObject({ text, intent, proposedBy: 'fatima.haddad@example.com' });
  return candidate!.id;
}

describe('learning from triage', () => {
  it('When a catalog admin accepts a resolved triage message, then after retraining the same text starts that intent\'s dialog', async () => {
    const text = 'the thingamajig for drawing diagrams';
    const id = await triageAndResolve('learn-accept', text, 'request-software');
    const served = deps.engine;
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/training/candidates/${id}/accept`, headers: admin });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedBy: 'grace.holloway@example.com' });
    await deps.trainingCandidates.retraining();

    expect(deps.engine).toBe(served);
    const replies = await say('learn-accept-again', text);
    expect(handedOff(replies)).toBe(false);
    expect(replies).toContainEqual(expect.objectContaining({ kind: 'text', text: expect.stringContaining('Software licence request') }));
    expect(replies).toContainEqual(expect.objectContaining({ kind: 'question' }));
    const audit = await deps.store.read.audit.listForTarget('training-candidate', id);
    expect(audit).toEqual([expect.objectContaining({ actorId: 'grace.holloway@example.com', action: 'training-candidate.accept', before: { status: 'proposed' } })]);
  });

  it('When a candidate is rejected, then it is not used: the text still goes to triage after a retraining', async () => {
    const text = 'my gizmo needs a doohickey';
    const id = await triageAndResolve('learn-reject', text, 'request-laptop');
    const rejected = await app.inject({ method: 'POST', url: `/api/v1/training/candidates/${id}/reject`, headers: admin });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect(await deps.trainingCandidates.acceptedExamples()).not.toContainEqual(expect.objectContaining({ text }));
    const other = await triageAndResolve('learn-other', 'zzkj qqpl vvmn', 'request-vpn');
    await app.inject({ method: 'POST', url: `/api/v1/training/candidates/${other}/accept`, headers: admin });
    await deps.trainingCandidates.retraining();
    expect(handedOff(await say('learn-reject-again', text))).toBe(true);
    const again = await app.inject({ method: 'POST', url: `/api/v1/training/candidates/${id}/accept`, headers: admin });
    expect(again.statusCode).toBe(409);
  });

  it('When someone without the catalog-admin role lists or decides, then 401 or 403 and nothing changes', async () => {
    const id = await triageAndResolve('learn-roles', 'plimf zark wobble', 'request-access');
    expect((await app.inject({ method: 'GET', url: '/api/v1/training/candidates' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/training/candidates', headers: agent })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/training/candidates/${id}/accept`, headers: agent })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/training/candidates/${id}/reject` })).statusCode).toBe(401);
    const listed = (await app.inject({ method: 'GET', url: '/api/v1/training/candidates', headers: admin })).json().items as Array<{ id: string; status: string }>;
    expect(listed.find((c) => c.id === id)?.status).toBe('proposed');
    expect((await app.inject({ method: 'POST', url: '/api/v1/training/candidates/no-such/accept', headers: admin })).statusCode).toBe(404);
  });

  it('When an agent answers as a person or places a hand-off, then no candidate is proposed', async () => {
    await say('learn-answer', 'glorp wibble frotz');
    const items = (await app.inject({ method: 'GET', url: '/api/v1/triage?status=open', headers: agent })).json().items as Array<{ id: string; text: string }>;
    const item = items.find((i) => i.text === 'glorp wibble frotz')!;
    await app.inject({ method: 'POST', url: `/api/v1/triage/${item.id}/resolve`, headers: agent, payload: { answer: 'Try restarting.' } });
    await say('learn-handoff', 'talk to a person');
    const handoff = (await app.inject({ method: 'GET', url: '/api/v1/triage?status=open', headers: agent })).json().items.find((i: { conversationId: string }) => i.conversationId === 'learn-handoff');
    await app.inject({ method: 'POST', url: `/api/v1/triage/${handoff.id}/resolve`, headers: agent, payload: { intent: 'request-vpn' } });
    const triageIds = (await deps.trainingCandidates.list()).map((c) => c.triageId);
    expect(triageIds).not.toContain(item.id);
    expect(triageIds).not.toContain(handoff.id);
  });

  it('When the API description is read, then the training routes are in it', async () => {
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/docs/json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/training/candidates', '/api/v1/training/candidates/{id}/accept', '/api/v1/training/candidates/{id}/reject']));
  });
});
