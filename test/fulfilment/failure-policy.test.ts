import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/fulfilment/failure-policy.js';
import { startHarness, type Harness } from '../lifecycle/harness.js';
import { TestClock } from '../support/test-clock.js';

/* The composition root declares the policy from FULFILMENT_STEP_ATTEMPTS and FULFILMENT_RETRY_AFTER_MS. */
const retryAfterMs = 60_000;
let h: Harness;
// The backoff runs out when the test moves the clock the app reads on, not after a real wait.
const clock = new TestClock();
beforeAll(async () => { h = await startHarness({ FULFILMENT_STEP_ATTEMPTS: '3', FULFILMENT_RETRY_AFTER_MS: String(retryAfterMs) }, { clock }); });
afterAll(async () => { await h.close(); });

const unlock = /^POST \/api\/v1\/users\/.*\/lifecycle\/unlock/;
const unlocks = () => h.identity.received.filter((r) => r.method === 'POST' && r.url.includes('/lifecycle/unlock')).length;

/** Moves the clock on by `ms` and lets this replica's worker run whatever has fallen due by then. */
async function later(ms: number): Promise<void> {
  clock.advance(ms);
  h.deps.fulfilment.wake();
  await h.deps.fulfilment.idle();
}

/**
 * Submits an unlock and runs its step: after each backoff (the delays between calls, in
 * order), first a moment before it runs out, when the step must not be called again.
 */
async function submitUnlock(email: string, backoffs: number[] = []) {
  const requester = await h.person(email);
  const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester, fields: { action: 'unlock', account: 'network' }, channel: 'webchat' });
  await h.deps.fulfilment.idle();
  for (const wait of backoffs) {
    const calls = unlocks();
    await later(wait - 1);
    expect(unlocks(), `not called again before its backoff of ${wait} ms runs out`).toBe(calls);
    await later(1);
    expect(unlocks(), `called again once its backoff of ${wait} ms ran out`).toBe(calls + 1);
  }
  const status = (await h.deps.store.read.requests.findById(submitted.id))!.status;
  expect(['fulfilled', 'failed'], `${submitted.number} is fulfilled or failed`).toContain(status);
  const [step] = await h.deps.fulfilment.steps(submitted.id);
  const trail = await h.deps.store.read.audit.listForTarget('fulfilment-step', step!.id);
  return { requester, submitted, step: step!, trail, status };
}

describe('the failure policy: 3 attempts, 1 minute then 2 minutes apart', () => {
  it('When the identity system answers 503 twice, then the step is called a third time after the backoff and the request is fulfilled', async () => {
    const before = unlocks();
    h.identity.failWhen(unlock, 503, 'Service unavailable', 2);
    const { step, trail, status } = await submitUnlock('sofia.rossi@example.com', [retryAfterMs, 2 * retryAfterMs]);
    expect(status).toBe('fulfilled');
    expect(unlocks() - before).toBe(3);
    expect(step).toMatchObject({ status: 'done', attempts: 3, error: null });
    expect(trail.map((a) => a.action)).toEqual([
      'fulfilment-step.started', 'fulfilment-step.retrying', 'fulfilment-step.started', 'fulfilment-step.retrying', 'fulfilment-step.started', 'fulfilment-step.done',
    ]);
    const started = trail.filter((a) => a.action === 'fulfilment-step.started').map((a) => a.at);
    expect(started[1]! - started[0]!).toBe(backoffMs({ backoff: { firstMs: retryAfterMs, factor: 2, maxMs: 3_600_000 } }, 1));
    expect(started[2]! - started[1]!).toBe(2 * retryAfterMs);
    expect(trail.find((a) => a.action === 'fulfilment-step.retrying')!.reason).toBe('identity could not unlock-account: HTTP 503: Service unavailable');
  });

  it('When the identity system keeps answering 503, then the request fails after the third call and the requester is told once', async () => {
    const before = unlocks();
    h.identity.failWhen(unlock, 503, 'Service unavailable', 3);
    const { requester, submitted, step, status } = await submitUnlock('kenji.watanabe@example.com', [retryAfterMs, 2 * retryAfterMs]);
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
