import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Role } from '../../src/auth/index.js';
import { startHarness, type Harness } from '../lifecycle/harness.js';

const agent = 'fatima.haddad@example.com';
const person = 'nina.petrova@example.com';

let h: Harness;
let app: FastifyInstance;
const as = async (email: string, roles: Role[]) => ({ authorization: `Bearer ${(await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}` });

beforeAll(async () => {
  // One attempt: a message nobody can take is a dead letter at once.
  h = await startHarness({ OUTBOX_MAX_ATTEMPTS: '1' });
  app = await buildApp(h.deps, { logger: false });
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe('Dead letters', () => {
  it('When a notification runs out of attempts, then /health counts it, agents see it and retry it, and it arrives once the person can be reached', async () => {
    await h.deps.notifier.notify(person, [{ kind: 'text', text: 'REQ-1001 was approved' }]);
    expect((await app.inject({ url: '/health' })).json()).toMatchObject({ status: 'ok', outbox: { deadLetters: 1 } });

    const agentHeaders = await as(agent, ['agent']);
    expect((await app.inject({ url: '/api/v1/outbox/dead-letters', headers: await as(person, ['requester']) })).statusCode).toBe(403);
    const listed = await app.inject({ url: '/api/v1/outbox/dead-letters', headers: agentHeaders });
    expect(listed.statusCode).toBe(200);
    const [letter] = (listed.json() as { deadLetters: Array<{ id: number }> }).deadLetters;
    expect(listed.json()).toEqual({ deadLetters: [expect.objectContaining({ personId: person, kinds: ['text'], attempts: 1, lastError: 'no channel reaches the person', state: 'dead' })] });
    expect(JSON.stringify(listed.json())).not.toContain('was approved');

    // Nina opens the web chat; a dead letter stays dead until someone retries it.
    const opened = await app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', payload: { user: { id: person } } });
    const chat = opened.json() as { conversationId: string; token: string };
    const retried = await app.inject({ method: 'POST', url: `/api/v1/outbox/dead-letters/${letter!.id}/retry`, headers: agentHeaders });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: letter!.id, state: 'delivered' });

    const activities = await app.inject({ url: `/v3/directline/conversations/${chat.conversationId}/activities`, headers: { authorization: `Bearer ${chat.token}` } });
    expect(JSON.stringify(activities.json())).toContain('REQ-1001 was approved');
    expect((await app.inject({ url: '/health' })).json()).toMatchObject({ outbox: { deadLetters: 0 } });
    expect(await h.deps.store.read.audit.listForTarget('outbox-message', String(letter!.id))).toEqual([expect.objectContaining({ actorId: agent, action: 'outbox.retry' })]);

    const again = await app.inject({ method: 'POST', url: `/api/v1/outbox/dead-letters/${letter!.id}/retry`, headers: agentHeaders });
    expect(again.statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/v1/outbox/dead-letters/abc/retry', headers: agentHeaders })).statusCode).toBe(400);
  });
});
