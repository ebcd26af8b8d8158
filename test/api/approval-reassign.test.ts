import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import { laptopFields, startApiHarness, type ApiHarness } from '../lifecycle/harness.js';

/* The service desk moves an approval whose approver has left the directory. */
let h: ApiHarness;
let app: FastifyInstance;

const as = async (email: string, roles: Role[]) => ({
  authorization: `Bearer ${(await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}`,
});
const reassign = async (approvalId: string, headers: Record<string, string>, payload: object) =>
  app.inject({ method: 'POST', url: `/api/v1/approvals/${approvalId}/reassign`, headers, payload });

beforeAll(async () => {
  h = await startApiHarness();
  app = h.app;
});
afterAll(() => h.close());

/** Sam's laptop request, whose approver (named at submit) has since left the directory. */
async function approvalOfSomeoneWhoLeft() {
  const sam = await h.person('sam.patel@example.com');
  const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'api' });
  const [approval] = await h.deps.store.read.approvals.listByRequest(submitted.id);
  await h.deps.store.transaction((repos) => repos.approvals.update(approval!.id, { approverId: 'former.manager@example.com' }));
  return { submitted, approvalId: approval!.id };
}

describe('POST /api/v1/approvals/:id/reassign', () => {
  it('When an agent reassigns an approval whose approver left, then the new approver gets the card, decides it, and the change is audited', async () => {
    const { submitted, approvalId } = await approvalOfSomeoneWhoLeft();
    const agent = await as('ravi.shah@example.com', ['agent']);
    const moved = await reassign(approvalId, agent, { to: 'marcus.chen@example.com', reason: "Dana's successor is not in the directory yet" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().message).toBe(`The manager approval of ${submitted.number} now goes to Marcus Chen.`);
    const marcus = await as('marcus.chen@example.com', ['approver']);
    const queue = (await app.inject({ url: '/api/v1/approvals', headers: marcus })).json().approvals;
    expect(queue.find((c: { requestNumber: string }) => c.requestNumber === submitted.number)).toMatchObject({ approvalId });
    const trail = await h.deps.store.read.audit.listForTarget('approval', approvalId);
    expect(trail.at(-1)).toMatchObject({
      actorId: 'ravi.shah@example.com',
      action: 'approval.reassigned',
      before: { approver: 'former.manager@example.com' },
      after: { approver: 'marcus.chen@example.com' },
      reason: "Dana's successor is not in the directory yet",
      channel: 'api',
    });
    const decided = await app.inject({ method: 'POST', url: `/api/v1/approvals/${approvalId}/decision`, headers: marcus, payload: { decision: 'approve' } });
    expect(decided.statusCode).toBe(200);
  });

  it('When the approver is still in the directory, or the caller is not an agent, or the new approver is the requester, then nothing changes', async () => {
    const sam = await h.person('sam.patel@example.com');
    const stillHere = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'api' });
    const [danas] = await h.deps.store.read.approvals.listByRequest(stillHere.id);
    const agent = await as('ravi.shah@example.com', ['agent']);
    const refused = await reassign(danas!.id, agent, { to: 'marcus.chen@example.com', reason: 'faster' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('Dana Lee is still in the directory and decides this approval');

    const { approvalId } = await approvalOfSomeoneWhoLeft();
    expect((await reassign(approvalId, await as('ravi.shah@example.com', ['approver']), { to: 'marcus.chen@example.com', reason: 'x' })).statusCode).toBe(403);
    expect((await reassign(approvalId, agent, { to: 'sam.patel@example.com', reason: 'x' })).statusCode).toBe(403);
    expect((await reassign(approvalId, agent, { to: 'nobody@example.com', reason: 'x' })).statusCode).toBe(400);
    expect((await h.deps.store.read.approvals.findById(approvalId))!.approverId).toBe('former.manager@example.com');
  });
});
