import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { TestClock } from '../support/test-clock.js';
import { waitFor } from './another-replica.js';
import { ScimService } from '../integrations/scim-service.js';

/*
 * Each integration's calls run under its own policies: a circuit breaker that stops calling a
 * failing system and lets steps wait instead of failing, and a pause when the system answers
 * 429 with Retry-After. Operators see both at /health/integrations and /metrics.
 */
let h: ApiHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const unlock = /^POST \/api\/v1\/users\/.*\/lifecycle\/unlock/;
const unlocks = () => h!.identity.received.filter((r) => r.method === 'POST' && r.url.includes('/lifecycle/unlock')).length;

async function submitUnlock(email: string) {
  const requester = await h!.person(email);
  return h!.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester, fields: { action: 'unlock', account: 'network' }, channel: 'webchat' });
}

const statusOf = async (requestId: string) => (await h!.deps.store.read.requests.findById(requestId))!.status;
const stepOf = async (requestId: string) => (await h!.deps.fulfilment.steps(requestId))[0]!;

interface IntegrationsHealth {
  integrations: Array<{ integration: string; breaker: string; openedAt: string | null; halfOpensAt: string | null; inFlight: number; queued: number; pausedUntil: string | null }>;
}

/** GET over real HTTP, as an operator's probe or Prometheus would. */
async function get(path: string): Promise<Response> {
  if (!h!.app.server.listening) await h!.app.listen({ port: 0, host: '127.0.0.1' });
  return fetch(`http://127.0.0.1:${(h!.app.server.address() as AddressInfo).port}${path}`);
}

async function identityHealth() {
  const answer = await get('/health/integrations');
  expect(answer.status).toBe(200);
  return ((await answer.json()) as IntegrationsHealth).integrations.find((i) => i.integration === 'identity')!;
}

/** The value of one sample in the Prometheus text format. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the circuit breaker of an integration', () => {
  it('When the identity system keeps answering 503, then its breaker opens, steps wait without calling it, and once it answers again a probe call closes the breaker and the waiting steps complete', async () => {
    // Long enough for the checks below to run while it is open, on a busy machine too.
    const halfOpenAfterMs = 6_000;
    // Two failures in a row open the breaker; 3 attempts, which calls deferred while it is open do not use up.
    h = await startApiHarness({ INTEGRATION_POLICIES: JSON.stringify({ identity: { attempts: 3, backoff: { firstMs: 100 }, breaker: { threshold: 2, halfOpenAfterMs } } }) });
    h.identity.failWhen(unlock, 503, 'Service unavailable', 2);

    const first = await submitUnlock('sofia.rossi@example.com');
    await waitFor(async () => (await identityHealth()).breaker === 'open', 'the breaker opens after two 503s');
    expect(unlocks(), 'called twice, both answered 503').toBe(2);
    const opened = await identityHealth();
    expect(opened.openedAt).not.toBeNull();
    expect(Date.parse(opened.halfOpensAt!) - Date.parse(opened.openedAt!)).toBe(halfOpenAfterMs);

    // More requests while it is open: their steps wait, and the system is not called.
    const others = [await submitUnlock('kenji.watanabe@example.com'), await submitUnlock('zoe.turner@example.com')];
    await h.deps.fulfilment.idle();
    for (const request of [first, ...others]) {
      // The first step's backoff after its second 503 may still be running: its next try is deferred too.
      await waitFor(async () => /circuit breaker open/.test((await stepOf(request.id)).error ?? ''), `${request.number} waits for the breaker`);
      expect(await statusOf(request.id), `${request.number} is still in fulfilment, not failed`).toBe('in_fulfilment');
      expect((await stepOf(request.id)).status).toBe('waiting');
    }
    expect(unlocks(), 'no call while the breaker is open').toBe(2);
    const trail = await h.deps.store.read.audit.listForTarget('fulfilment-step', (await stepOf(others[0]!.id)).id);
    const retryAt = Date.parse(String((trail.find((a) => a.action === 'fulfilment-step.retrying')!.after as { retryAt: string }).retryAt));
    expect(retryAt, 'the step comes back when the breaker half-opens').toBeGreaterThanOrEqual(Date.parse(opened.halfOpensAt!));

    // The system answers again: the half-open probe succeeds and every waiting step completes.
    for (const request of [first, ...others]) await waitFor(async () => (await statusOf(request.id)) === 'fulfilled', `${request.number} is fulfilled`, 20_000);
    expect(unlocks(), 'two failures, then one call per step').toBe(5);
    const firstStep = await stepOf(first.id);
    expect(firstStep.status).toBe('done');
    expect(firstStep.attempts, 'its deferrals were not counted against its 3 attempts').toBeGreaterThan(3);
    const closed = await identityHealth();
    expect(closed).toMatchObject({ breaker: 'closed', openedAt: null, halfOpensAt: null, inFlight: 0, queued: 0, pausedUntil: null });

    const metrics = await (await get('/metrics')).text();
    expect(sample(metrics, 'frontdoor_integration_breaker_state{integration="identity",state="closed"}')).toBe(1);
    expect(sample(metrics, 'frontdoor_integration_breaker_state{integration="identity",state="open"}')).toBe(0);
    expect(sample(metrics, 'frontdoor_integration_call_duration_seconds_count{integration="identity",operation="unlock-account",outcome="failed"}')).toBe(2);
    expect(sample(metrics, 'frontdoor_integration_call_duration_seconds_count{integration="identity",operation="unlock-account",outcome="ok"}')).toBe(3);
    expect(sample(metrics, 'frontdoor_integration_calls_deferred_total{integration="identity",operation="unlock-account",reason="breaker-open"}')).toBeGreaterThanOrEqual(3);
    expect(sample(metrics, 'frontdoor_fulfilment_steps{status="done"}')).toBe(3);
  }, 45_000);
});

describe('the timeout of a call', () => {
  it('When the identity system does not answer within the integration\'s timeout, then the call is given up on (its signal aborted), the step waits and its next call completes it', async () => {
    h = await startApiHarness({ INTEGRATION_POLICIES: JSON.stringify({ identity: { timeoutMs: 300, backoff: { firstMs: 100 } } }) });
    const hold = h.identity.holdNext(unlock);
    const started = Date.now();
    const request = await submitUnlock('sofia.rossi@example.com');
    await hold.arrived;
    await waitFor(async () => (await statusOf(request.id)) === 'fulfilled', `${request.number} is fulfilled by the next call`);
    expect(Date.now() - started, 'given up on while the system still held the first call').toBeLessThan(5_000);
    expect(unlocks()).toBe(2);
    const trail = await h.deps.store.read.audit.listForTarget('fulfilment-step', (await stepOf(request.id)).id);
    expect(trail.map((a) => a.action)).toEqual(['fulfilment-step.started', 'fulfilment-step.retrying', 'fulfilment-step.started', 'fulfilment-step.done']);
    expect(trail[1]!.reason).toBe('identity could not unlock-account: no answer within 300 ms');
    hold.release();
  });
});

describe('the half-open probe', () => {
  it('When the probe call fails too, then the breaker opens for another period, the other step keeps waiting without a call, and both complete once the system answers', async () => {
    h = await startApiHarness({ INTEGRATION_POLICIES: JSON.stringify({ identity: { attempts: 4, backoff: { firstMs: 100 }, breaker: { threshold: 2, halfOpenAfterMs: 1_000 } } }) });
    h.identity.failWhen(unlock, 503, 'Service unavailable', 3);
    const first = await submitUnlock('sofia.rossi@example.com');
    await waitFor(async () => (await identityHealth()).breaker === 'open', 'the breaker opens after two 503s');
    const firstOpening = (await identityHealth()).openedAt!;
    const second = await submitUnlock('kenji.watanabe@example.com');

    await waitFor(async () => {
      const now = await identityHealth();
      return now.breaker === 'open' && now.openedAt !== firstOpening;
    }, 'the failed probe opens the breaker again');
    expect(unlocks(), 'two failures and one failed probe; the other step did not call').toBe(3);
    expect(await statusOf(first.id)).toBe('in_fulfilment');
    expect(await statusOf(second.id)).toBe('in_fulfilment');

    for (const request of [first, second]) await waitFor(async () => (await statusOf(request.id)) === 'fulfilled', `${request.number} is fulfilled`);
    expect(unlocks()).toBe(5);
    expect((await identityHealth()).breaker).toBe('closed');
  });
});

describe('a 429 with Retry-After', () => {
  it('When the identity system answers 429 with Retry-After: 120, then no step of that integration calls it for 2 minutes, and after that both steps complete', async () => {
    const clock = new TestClock();
    h = await startApiHarness({ INTEGRATION_POLICIES: JSON.stringify({ identity: { backoff: { firstMs: 100 } } }) }, { clock });
    const later = async (ms: number) => {
      clock.advance(ms);
      h!.deps.fulfilment.wake();
      await h!.deps.fulfilment.idle();
    };
    h.identity.failWhen(unlock, 429, 'Too many requests', 1, { retryAfter: '120' });
    const first = await submitUnlock('sofia.rossi@example.com');
    await h.deps.fulfilment.idle();
    expect(unlocks()).toBe(1);
    const paused = await identityHealth();
    expect(Date.parse(paused.pausedUntil!)).toBe(clock.now() + 120_000);

    // Another step of the same integration is not called either: it waits for the pause.
    const second = await submitUnlock('kenji.watanabe@example.com');
    await h.deps.fulfilment.idle();
    expect(unlocks(), 'the second step did not call the system').toBe(1);
    expect(await stepOf(second.id)).toMatchObject({ status: 'waiting' });
    expect((await stepOf(second.id)).error).toMatch(/asked not to be called until/);

    await later(119_999);
    expect(unlocks(), 'no call before Retry-After has passed').toBe(1);
    expect(await statusOf(first.id)).toBe('in_fulfilment');
    await later(1);
    expect(await statusOf(first.id)).toBe('fulfilled');
    expect(await statusOf(second.id)).toBe('fulfilled');
    expect(unlocks()).toBe(3);
    expect((await identityHealth()).pausedUntil).toBeNull();
    const metrics = await (await get('/metrics')).text();
    expect(sample(metrics, 'frontdoor_integration_calls_deferred_total{integration="identity",operation="unlock-account",reason="paused"}')).toBe(1);
  });
});

describe('the settings an integration runs with', () => {
  it('When the identity system is a SCIM service, then its calls run with the SCIM manifest\'s settings, and INTEGRATION_POLICIES changes only what it names', async () => {
    const scim = new ScimService('scim-policies-test-token');
    await scim.start();
    try {
      h = await startApiHarness({
        IDENTITY_PROVIDER: 'scim', SCIM_BASE_URL: scim.url, SCIM_TOKEN: 'scim-policies-test-token',
        INTEGRATION_POLICIES: JSON.stringify({ identity: { maxConcurrent: 2 } }),
      });
      const answer = await get('/health/integrations');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(await answer.json()).toEqual({
        integrations: [{
          integration: 'identity', breaker: 'closed', openedAt: null, halfOpensAt: null, inFlight: 0, queued: 0, pausedUntil: null,
          settings: { timeoutMs: 70_000, attempts: 4, backoff: { firstMs: 5_000, factor: 2, maxMs: 3_600_000 }, breaker: { threshold: 5, halfOpenAfterMs: 30_000 }, maxConcurrent: 2, maxQueued: 100 },
        }],
      });
    } finally {
      await h?.close();
      h = undefined;
      await scim.close();
    }
  });
});
