import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import { laptopFields, startApiHarness, type ApiHarness } from '../lifecycle/harness.js';

/* A request nobody can approve (the requester has no manager in the directory) waits for the service desk to route it. */
let h: ApiHarness;
let app: FastifyInstance;

const as = async (email: string, roles: Role[]) => ({
  authorization: `Bearer ${(await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}`,
});
const route = async (number: string, headers: Record<string, string>, payload: object) =>
  app.inject({ method: 'POST', url: `/api/v1/requests/${number}/route`, headers, payload });

beforeAll(async () => {
  h = await startApiHarness();
  app = h.app;
});
afterAll(() => h.close());

/** Grace heads the company: the directory records no manager for her, so her laptop's manager stage has nobody. */
async function requestThatNeedsRouting() {
  const grace = await h.person('grace.holloway@example.com');
  return h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: grace, fields: laptopFields, channel: 'api' });
}

describe('POST /api/v1/requests/:number/route', () => {
  it('When an agent routes a request that needs routing, then the named person gets the card and decides it, and the routing is audited', async () => {
    const submitted = await requestThatNeedsRouting();
    const agent = await as('ravi.shah@example.com', ['agent']);
    const before = (await app.inject({ url: `/api/v1/requests/${submitted.number}`, headers: agent })).json();
    expect(before).toMatchObject({ status: 'submitted', subStatus: 'needs_routing' });

    const routed = await route(submitted.number, agent, { approver: 'marcus.chen@example.com', reason: 'The board asked Marcus to approve her equipment' });
    expect(routed.statusCode).toBe(200);
    expect(routed.json().message).toBe(`${submitted.number} now waits for Marcus Chen to approve.`);

    const marcus = await as('marcus.chen@example.com', ['approver']);
    const queue = (await app.inject({ url: '/api/v1/approvals', headers: marcus })).json().approvals as Array<{ requestNumber: string; approvalId: string }>;
    const card = queue.find((c) => c.requestNumber === submitted.number);
    expect(card).toBeDefined();
    const trail = await h.deps.store.read.audit.listForTarget('request', submitted.id);
    expect(trail.find((a) => a.action === 'request.routed')).toMatchObject({
      actorId: 'ravi.shah@example.com',
      after: { approver: 'marcus.chen@example.com' },
      reason: 'The board asked Marcus to approve her equipment',
      channel: 'api',
    });
    const decided = await app.inject({
      method: 'POST',
      url: `/api/v1/approvals/${card!.approvalId}/decision`,
      headers: marcus,
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode).toBe(200);
    const after = (await app.inject({ url: `/api/v1/requests/${submitted.number}`, headers: agent })).json();
    expect(['approved', 'in_fulfilment']).toContain(after.status);

    const again = await route(submitted.number, agent, { approver: 'marcus.chen@example.com', reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(`${submitted.number} does not need routing; nothing changed`);
  });

  it('When the caller is not an agent, or names the requester or someone not in the directory, then the request still needs routing', async () => {
    const submitted = await requestThatNeedsRouting();
    const agent = await as('ravi.shah@example.com', ['agent']);
    expect(
      (await route(submitted.number, await as('marcus.chen@example.com', ['approver']), { approver: 'marcus.chen@example.com', reason: 'x' })).statusCode,
    ).toBe(403);
    const self = await route(submitted.number, agent, { approver: 'grace.holloway@example.com', reason: 'x' });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toBe(`Grace Holloway asked for ${submitted.number} and cannot approve it`);
    expect((await route(submitted.number, agent, { approver: 'nobody@example.com', reason: 'x' })).statusCode).toBe(400);
    expect((await route(submitted.number, agent, { approver: 'marcus.chen@example.com', reason: '   ' })).statusCode).toBe(400);
    const view = (await app.inject({ url: `/api/v1/requests/${submitted.number}`, headers: agent })).json();
    expect(view).toMatchObject({ status: 'submitted', subStatus: 'needs_routing', approvals: [] });
  });
});
