import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jitteredBackoffMs } from '../../src/fulfilment/failure-policy.js';
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

/** When the step's last retry was planned for: the audit's `retryAt` of its latest "retrying". */
async function plannedRetry(requestId: string): Promise<{ failedAt: number; retryAt: number }> {
  const [step] = await h.deps.fulfilment.steps(requestId);
  const retrying = (await h.deps.store.read.audit.listForTarget('fulfilment-step', step!.id)).filter((a) => a.action === 'fulfilment-step.retrying').at(-1)!;
  return { failedAt: retrying.at, retryAt: Date.parse(String((retrying.after as { retryAt: string }).retryAt)) };
}

/**
 * Submits an unlock and runs its step: after each failure, first a moment before its
 * planned retry, when the step must not be called again, then at it. Returns the waits the
 * policy chose (jittered: each within `bounds`, the factors of the first wait at most).
 */
async function submitUnlock(email: string, retries = 0, bounds: number[] = []) {
  const requester = await h.person(email);
  const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester, fields: { action: 'unlock', account: 'network' }, channel: 'webchat' });
  await h.deps.fulfilment.idle();
  const waits: number[] = [];
  for (let i = 0; i < retries; i++) {
    const calls = unlocks();
    const { failedAt, retryAt } = await plannedRetry(submitted.id);
    const wait = retryAt - clock.now();
    waits.push(retryAt - failedAt);
    expect(retryAt - failedAt, `retry ${i + 1} waits at most ${bounds[i]} × the first backoff`).toBeLessThanOrEqual(Math.ceil((bounds[i] ?? Infinity) * retryAfterMs));
    if (wait > 1) {
      await later(wait - 1);
      expect(unlocks(), `not called again before its backoff of ${wait} ms runs out`).toBe(calls);
    }
    await later(Math.min(wait, 1));
    expect(unlocks(), `called again once its backoff of ${wait} ms ran out`).toBe(calls + 1);
  }
  const status = (await h.deps.store.read.requests.findById(submitted.id))!.status;
  expect(['fulfilled', 'failed'], `${submitted.number} is fulfilled or failed`).toContain(status);
  const [step] = await h.deps.fulfilment.steps(submitted.id);
  const trail = await h.deps.store.read.audit.listForTarget('fulfilment-step', step!.id);
  return { requester, submitted, step: step!, trail, status, waits };
}

// Cockatiel's decorrelated jitter: the first wait is at most ~1.38 × firstMs, the second ~2.85 ×.
const jitterBounds = [1.38, 2.85];

describe('the failure policy: 3 attempts, about 1 minute then 2 minutes apart (with jitter)', () => {
  it('When the identity system answers 503 twice, then the step is called a third time after the backoff and the request is fulfilled', async () => {
    const before = unlocks();
    h.identity.failWhen(unlock, 503, 'Service unavailable', 2);
    const { step, trail, status, waits } = await submitUnlock('sofia.rossi@example.com', 2, jitterBounds);
    expect(status).toBe('fulfilled');
    expect(unlocks() - before).toBe(3);
    expect(step).toMatchObject({ status: 'done', attempts: 3, error: null });
    expect(trail.map((a) => a.action)).toEqual([
      'fulfilment-step.started', 'fulfilment-step.retrying', 'fulfilment-step.started', 'fulfilment-step.retrying', 'fulfilment-step.started', 'fulfilment-step.done',
    ]);
    const started = trail.filter((a) => a.action === 'fulfilment-step.started').map((a) => a.at);
    expect([started[1]! - started[0]!, started[2]! - started[1]!], 'called when each retry was planned').toEqual(waits);
    expect(trail.find((a) => a.action === 'fulfilment-step.retrying')!.reason).toBe('identity could not unlock-account: HTTP 503: Service unavailable');
  });

  it('When the identity system keeps answering 503, then the request fails after the third call and the requester is told once', async () => {
    const before = unlocks();
    h.identity.failWhen(unlock, 503, 'Service unavailable', 3);
    const { requester, submitted, step, status } = await submitUnlock('kenji.watanabe@example.com', 2, jitterBounds);
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

describe('the jittered backoff (cockatiel, decorrelated jitter)', () => {
  it('When many steps fail together, then their retries spread around the backoff instead of all coming back at once, never past its maximum', () => {
    const settings = { backoff: { firstMs: 1_000, factor: 2, maxMs: 3_000 } };
    const first = Array.from({ length: 400 }, () => jitteredBackoffMs(settings, 1)).sort((a, b) => a - b);
    expect(new Set(first).size, 'spread, not one moment').toBeGreaterThan(300);
    expect(first[200]!, 'the median near the first backoff').toBeGreaterThan(700);
    expect(first[200]!).toBeLessThan(1_300);
    expect(first.at(-1)!).toBeLessThanOrEqual(1_380);
    const later = Array.from({ length: 400 }, () => jitteredBackoffMs(settings, 6));
    expect(Math.max(...later), 'at most maxMs').toBeLessThanOrEqual(3_000);
  });
});
