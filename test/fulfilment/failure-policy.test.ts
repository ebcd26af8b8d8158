import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/fulfilment/failure-policy.js';
import { startHarness, type Harness } from '../lifecycle/harness.js';
import { waitFor } from './another-replica.js';

/* The composition root declares the policy from FULFILMENT_STEP_ATTEMPTS and FULFILMENT_RETRY_AFTER_MS. */
const retryAfterMs = 150;
let h: Harness;
beforeAll(async () => { h = await startHarness({ FULFILMENT_STEP_ATTEMPTS: '3', FULFILMENT_RETRY_AFTER_MS: String(retryAfterMs) }); });
afterAll(async () => { await h.close(); });

const unlock = /^POST \/api\/v1\/users\/.*\/lifecycle\/unlock/;
const unlocks = () => h.identity.received.filter((r) => r.method === 'POST' && r.url.includes('/lifecycle/unlock')).length;

async function submitUnlock(email: string) {
  const requester = await h.person(email);
  const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester, fields: { action: 'unlock', account: 'network' }, channel: 'webchat' });
  await waitFor(async () => ['fulfilled', 'failed'].includes((await h.deps.store.read.requests.findById(submitted.id))!.status), `${submitted.number} is fulfilled or failed`);
  const [step] = await h.deps.fulfilment.steps(submitted.id);
  const trail = await h.deps.store.read.audit.listForTarget('fulfilment-step', step!.id);
  return { requester, submitted, step: step!, trail, status: (await h.deps.store.read.requests.findById(submitted.id))!.status };
}

describe('the failure policy: 3 attempts, 150 ms then 300 ms apart', () => {
  it('When the identity system answers 503 twice, then the step is called a third time after the backoff and the request is fulfilled', async () => {
    const before = unlocks();
    h.identity.failWhen(unlock, 503, 'Service unavailable', 2);
    const { step, trail, status } = await submitUnlock('sofia.rossi@example.com');
    expect(status).toBe('fulfilled');
    expect(unlocks() - before).toBe(3);
    expect(step).toMatchObject({ status: 'done', attempts: 3, error: null });
    expect(trail.map((a) => a.action)).toEqual([
      'fulfilment-step.started', 'fulfilment-step.retrying', 'fulfilment-step.started', 'fulfilment-step.retrying', 'fulfilment-step.started', 'fulfilment-step.done',
    ]);
    const started = trail.filter((a) => a.action === 'fulfilment-step.started').map((a) => a.at);
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(backoffMs({ backoff: { firstMs: retryAfterMs, factor: 2, maxMs: 3_600_000 } }, 1));
    expect(started[2]! - started[1]!).toBeGreaterThanOrEqual(2 * retryAfterMs);
    expect(trail.find((a) => a.action === 'fulfilment-step.retrying')!.reason).toBe('identity could not unlock-account: HTTP 503: Service unavailable');
  });

  it('When the identity system keeps answering 503, then the request fails after the third call and the requester is told once', async () => {
    const before = unlocks();
    h.identity.failWhen(unlock, 503, 'Service unavailable', 3);
    const { requester, submitted, step, status } = await submitUnlock('kenji.watanabe@example.com');
    expect(status).toBe('failed');
    expect(unlocks() - before).toBe(3);
    expect(step).toMatchObject({ status: 'failed', attempts: 3, error: 'identity could not unlock-account: HTTP 503: Service unavailable' });
    await h.deps.fulfilment.idle();
    const told = (await h.deps.store.read.outbox.forPerson(requester.id)).filter((row) => JSON.stringify(row.payload).includes(`${submitted.number} (Password reset or account unlock) could not be completed`));
    expect(told).toHaveLength(1);
    expect(await h.deps.store.read.fulfilmentQueue.listByRequest(submitted.id), 'the work left the queue').toEqual([]);
  });

  it('When the identity system refuses the call (4xx), then it is not called again and the request fails at once', async () => {
    const before = unlocks();
    h.identity.failWhen(unlock, 404, 'Not found', 1);
    const { step, status } = await submitUnlock('zoe.turner@example.com');
    expect(status).toBe('failed');
    expect(unlocks() - before).toBe(1);
    expect(step).toMatchObject({ status: 'failed', attempts: 1 });
  });
});
