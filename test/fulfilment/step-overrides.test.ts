import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../src/shared/errors.js';
import { laptopFields, startHarness, type Harness } from '../lifecycle/harness.js';

/* The people's side of the interface: a team fails its task; the service desk retries or overrides a step. */
let h: Harness;
// No retries: the service desk steps in once the policy has given up.
beforeAll(async () => { h = await startHarness({ FULFILMENT_STEP_ATTEMPTS: '1' }); });
afterAll(async () => { await h.close(); });

const statusOf = async (requestId: string) => (await h.deps.store.read.requests.findById(requestId))!.status;
const principal = async (email: string, role: 'agent' | 'fulfiller') => ({ person: await h.person(email), roles: [role], via: 'token' as const });

describe('retry and override', () => {
  it('When an unlock failed and the service desk retries it, then the step is called again and the request is fulfilled', async () => {
    const sofia = await h.person('sofia.rossi@example.com');
    h.identity.failWhen(/^POST \/api\/v1\/users\/.*\/lifecycle\/unlock/, 503, 'Service unavailable');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester: sofia, fields: { action: 'unlock', account: 'network' }, channel: 'webchat' });
    await h.deps.fulfilment.idle();
    expect(await statusOf(submitted.id)).toBe('failed');
    const [failed] = await h.deps.fulfilment.steps(submitted.id);
    await expect(h.deps.fulfilment.retry({ stepId: failed!.id, actor: await principal('carlos.mendes@example.com', 'fulfiller'), reason: 'try again', channel: 'api' }))
      .rejects.toBeInstanceOf(ForbiddenError);
    const agent = await principal('ravi.shah@example.com', 'agent');
    const retried = await h.deps.fulfilment.retry({ stepId: failed!.id, actor: agent, reason: 'The identity system is back', channel: 'api' });
    expect(retried).toMatchObject({ status: 'waiting', error: null, attempts: 0 });
    await h.deps.fulfilment.idle();
    expect(await statusOf(submitted.id)).toBe('fulfilled');
    const history = await h.deps.store.read.requests.history(submitted.id);
    expect(history.map((r) => [r.toStatus, r.actorId]).slice(-3)).toEqual([['failed', 'system'], ['in_fulfilment', agent.person.id], ['fulfilled', 'system']]);
    const trail = await h.deps.store.read.audit.listForTarget('fulfilment-step', failed!.id);
    expect(trail.find((a) => a.action === 'fulfilment-step.retried')).toMatchObject({ actorId: agent.person.id, reason: 'The identity system is back' });
  });

  it('When the hardware team cannot do its task, then the request fails and the requester is told; an override by the service desk fulfils it', async () => {
    const ben = await h.person('ben.walker@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: ben, fields: laptopFields, channel: 'webchat' });
    const ravi = await h.person('ravi.shah@example.com');
    const card = (await h.deps.lifecycle.pendingApprovals(ravi)).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: ravi, decision: 'approve', channel: 'webchat' });
    await h.deps.fulfilment.idle();
    const task = (await h.deps.fulfilment.tasks('it-hardware')).find((t) => t.requestNumber === submitted.number)!;
    const failed = await h.deps.fulfilment.fail({ stepId: task.id, actor: await principal('carlos.mendes@example.com', 'fulfiller'), reason: 'Out of stock after all', channel: 'api' });
    expect(failed).toMatchObject({ status: 'failed' });
    expect(await statusOf(submitted.id)).toBe('failed');
    const told = await h.deps.store.read.outbox.forPerson(ben.id);
    expect(told.at(-1)!.payload).toEqual({ replies: [{ kind: 'text', text: `${submitted.number} (Laptop or other hardware) could not be completed: ${task.title} failed (Out of stock after all). The service desk can see it and will follow up.` }] });

    const agent = await principal('ravi.shah@example.com', 'agent');
    const overridden = await h.deps.fulfilment.override({ stepId: task.id, actor: agent, note: 'Shipped from the London spare pool', channel: 'api' });
    expect(overridden).toMatchObject({ status: 'done', note: 'Shipped from the London spare pool' });
    await h.deps.fulfilment.idle();
    expect(await statusOf(submitted.id)).toBe('fulfilled');
  });
});
