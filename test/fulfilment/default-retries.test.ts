import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startHarness, type Harness } from '../lifecycle/harness.js';
import { waitFor } from './another-replica.js';
import { composeFailurePolicy } from '../../src/fulfilment/compose-failure-policy.js';
import { identityIntegration } from '../../integrations/identity/identity-integration.js';


/*
 * The shipped failure policy retries what the identity system may answer differently later
 * (no answer, 5xx, 429) a few times with exponential backoff before the step fails. Only the
 * first wait is shortened here; the number of attempts is the default.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ FULFILMENT_RETRY_AFTER_MS: '50' });
});
afterAll(async () => {
  await h.close();
});

const unlock = /^POST \/api\/v1\/users\/.*\/lifecycle\/unlock/;
const unlocks = () => h.identity.received.filter((r) => r.method === 'POST' && r.url.includes('/lifecycle/unlock'));

async function submitUnlock(email: string) {
  const requester = await h.person(email);
  const submitted = await h.deps.lifecycle.submit({
    requestTypeId: 'password-reset',
    requester,
    fields: { action: 'unlock', account: 'network' },
    channel: 'webchat',
  });
  await waitFor(
    async () => ['fulfilled', 'failed'].includes((await h.deps.store.read.requests.findById(submitted.id))!.status),
    `${submitted.number} is fulfilled or failed`,
  );
  const [step] = await h.deps.fulfilment.steps(submitted.id);
  const trail = await h.deps.store.read.audit.listForTarget('fulfilment-step', step!.id);
  return { submitted, step: step!, trail, status: (await h.deps.store.read.requests.findById(submitted.id))!.status };
}

describe('the default failure policy', () => {
  it('When nothing is configured, then a step is called up to 4 times, about 5 s apart at first, and each call has a 30 s limit (the identity manifest\'s)', async () => {
    const config = loadConfig({ DATABASE_URL: ':memory:' });
    const policy = composeFailurePolicy(
      { attempts: config.FULFILMENT_STEP_ATTEMPTS, firstRetryMs: config.FULFILMENT_RETRY_AFTER_MS, callTimeoutMs: config.FULFILMENT_CALL_TIMEOUT_MS },
      [identityIntegration({ baseUrl: 'http://127.0.0.1:9/', token: 'unused' })],
      config.INTEGRATION_POLICIES,
    );
    expect(policy.integrations?.identity).toMatchObject({ attempts: 4, backoff: { firstMs: 5_000, factor: 2 }, timeoutMs: 30_000, breaker: { threshold: 5, halfOpenAfterMs: 30_000 }, maxConcurrent: 4 });
    // The harness sets FULFILMENT_RETRY_AFTER_MS only: it beats the manifest, the rest is the manifest's.
    const [identity] = h.deps.integrationPolicies.health();
    expect(identity).toMatchObject({ integration: 'identity', settings: { attempts: 4, backoff: { firstMs: 50 }, timeoutMs: 30_000 } });
  });

  it('When the identity system answers 503 once, then the step is called again with the same idempotency key and the request is fulfilled', async () => {
    const before = unlocks().length;
    h.identity.failWhen(unlock, 503, 'Service unavailable', 1);
    const { submitted, step, status, trail } = await submitUnlock('sofia.rossi@example.com');
    expect(status).toBe('fulfilled');
    const calls = unlocks().slice(before);
    expect(calls).toHaveLength(2);
    expect(
      calls.map((c) => c.idempotencyKey),
      'the same key each time',
    ).toEqual([`${submitted.id}:unlock-account`, `${submitted.id}:unlock-account`]);
    expect(step).toMatchObject({ status: 'done', attempts: 2, error: null });
    expect(trail.map((a) => a.action)).toEqual(['fulfilment-step.started', 'fulfilment-step.retrying', 'fulfilment-step.started', 'fulfilment-step.done']);
  });

  it('When the identity system answers 429 with Retry-After: 1, then the step is called again no sooner than a second later', async () => {
    const before = unlocks().length;
    h.identity.failWhen(unlock, 429, 'Too many requests', 1, { retryAfter: '1' });
    const { status, trail } = await submitUnlock('kenji.watanabe@example.com');
    expect(status).toBe('fulfilled');
    expect(unlocks().length - before).toBe(2);
    const started = trail.filter((a) => a.action === 'fulfilment-step.started').map((a) => a.at);
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(1_000);
  });
});
