import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import { laptopFields, startApiHarness, type ApiHarness } from '../lifecycle/harness.js';

/* Least privilege on reads: who may read a request over the API, and what everyone else gets. */
let h: ApiHarness;
let app: FastifyInstance;
let number: string;

const as = async (email: string, roles: Role[]) => ({
  authorization: `Bearer ${(await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}`,
});
const read = async (email: string, roles: Role[], n = number) => app.inject({ url: `/api/v1/requests/${n}`, headers: await as(email, roles) });

beforeAll(async () => {
  h = await startApiHarness();
  app = h.app;
  // Sam's laptop, approved by Dana: in fulfilment with steps for it-hardware and procurement.
  const sam = await h.person('sam.patel@example.com');
  const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'api' });
  const dana = await h.person('dana.lee@example.com');
  const card = (await h.deps.lifecycle.pendingApprovals(dana)).find((c) => c.requestNumber === submitted.number)!;
  await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: dana, decision: 'approve', channel: 'api' });
  await h.deps.fulfilment.idle();
  expect((await h.deps.store.read.requests.findById(submitted.id))!.status).toBe('in_fulfilment');
  number = submitted.number;
});
afterAll(() => h.close());

describe('GET /api/v1/requests/:number', () => {
  it('When a fulfiller of a team with a step on the request reads it, then 200; a fulfiller of other teams gets 404', async () => {
    expect((await read('carlos.mendes@example.com', ['fulfiller'])).statusCode, 'it-hardware has a step').toBe(200);
    expect((await read('rachel.adeyemi@example.com', ['fulfiller'])).statusCode, 'telecom and network have none').toBe(404);
  });

  it('When someone in the service-desk directory group reads it without the agent role, then 404; with agent or auditor, then 200', async () => {
    expect((await read('julia.weber@example.com', ['requester'])).statusCode).toBe(404);
    expect((await read('julia.weber@example.com', ['agent'])).statusCode).toBe(200);
    expect((await read('ethan.brooks@example.com', ['auditor'])).statusCode).toBe(200);
  });

  it('When the requester and the approver read it, then 200', async () => {
    expect((await read('sam.patel@example.com', ['requester'])).statusCode).toBe(200);
    expect((await read('dana.lee@example.com', ['approver'])).statusCode).toBe(200);
  });

  it('When a request may not be seen, then the answer is the same 404 as for a number that does not exist', async () => {
    const unknown = `REQ-${Number(number.slice(4)) + 100_000}`;
    const forbidden = await read('rachel.adeyemi@example.com', ['fulfiller']);
    const missing = await read('rachel.adeyemi@example.com', ['fulfiller'], unknown);
    expect([forbidden.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(forbidden.json()).toEqual({ ...missing.json(), message: `There is no request ${number}` });
    expect(missing.json().message).toBe(`There is no request ${unknown}`);
  });
});
