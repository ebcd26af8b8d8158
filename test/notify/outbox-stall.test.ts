import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/notify/outbox-notifier.js';
import { laptopFields, startApiHarness, type ApiHarness } from '../lifecycle/harness.js';

const requester = 'sam.patel@example.com';
const manager = 'dana.lee@example.com';

let h: ApiHarness;
let app: FastifyInstance;
beforeAll(async () => {
  h = await startApiHarness();
  app = h.app;
});
afterAll(() => h.close());

describe('The outbox never stalls', () => {
  it('When 300 messages nobody can take wait ahead of an approval card, then the card still reaches the approver\'s web chat', async () => {
    const opened = await app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', payload: { user: { id: manager } } });
    expect(opened.statusCode).toBe(200);
    const chat = opened.json() as { conversationId: string; token: string };

    // People with no web chat and no Slack: no channel will ever take these.
    await h.deps.store.transaction(async (repos) => {
      for (let i = 0; i < 300; i += 1) await enqueue(repos, `left-the-company-${i}@example.com`, [{ kind: 'text', text: `Your request REQ-${i} was updated` }], Date.now());
    });

    const created = await app.inject({ method: 'POST', url: '/api/v1/requests', headers: { 'x-frontdoor-person': requester }, payload: { requestTypeId: 'laptop', fields: laptopFields } });
    expect(created.statusCode).toBe(201);
    const { number } = created.json() as { number: string };
    await h.deps.notifier.flush();

    const activities = await app.inject({ url: `/v3/directline/conversations/${chat.conversationId}/activities`, headers: { authorization: `Bearer ${chat.token}` } });
    const cards = (activities.json() as { activities: Array<{ attachments?: unknown[] }> }).activities.filter((a) => a.attachments?.length);
    expect(cards.map((a) => JSON.stringify(a))).toEqual([expect.stringContaining(number)]);
    expect(JSON.stringify(cards[0])).toContain('approval.approve');

    // The undeliverable ones were each tried once and wait for their next attempt; none was lost.
    const waiting = await h.deps.store.read.outbox.forPerson('left-the-company-299@example.com');
    expect(waiting).toEqual([expect.objectContaining({ deliveredAt: null, deadAt: null, attempts: 1, lastError: 'no channel reaches the person' })]);
  });
});
