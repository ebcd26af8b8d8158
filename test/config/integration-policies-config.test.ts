import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { composeFailurePolicy } from '../../src/fulfilment/compose-failure-policy.js';
import { identityIntegration } from '../../integrations/identity/identity-integration.js';
import { scimIntegration } from '../../integrations/scim/scim-integration.js';

/* Each integration's call policy: the manifest's settings, FULFILMENT_* over them for all, INTEGRATION_POLICIES over those for one. */
function policyFor(env: Record<string, string>, integration = identityIntegration({ baseUrl: 'http://127.0.0.1:9/', token: 'unused' })) {
  const config = loadConfig({ DATABASE_URL: ':memory:', ...env });
  const policy = composeFailurePolicy(
    { attempts: config.FULFILMENT_STEP_ATTEMPTS, firstRetryMs: config.FULFILMENT_RETRY_AFTER_MS, callTimeoutMs: config.FULFILMENT_CALL_TIMEOUT_MS },
    [integration],
    config.INTEGRATION_POLICIES,
  );
  return policy.integrations!.identity!;
}

describe('INTEGRATION_POLICIES', () => {
  it('When nothing is set, then each connector\'s manifest decides: the SCIM connector allows a longer call than the Okta-style one', () => {
    expect(policyFor({})).toEqual({ timeoutMs: 30_000, attempts: 4, backoff: { firstMs: 5_000, factor: 2, maxMs: 3_600_000 }, breaker: { threshold: 5, halfOpenAfterMs: 30_000 }, maxConcurrent: 4, maxQueued: 100 });
    expect(policyFor({}, scimIntegration({ baseUrl: 'http://127.0.0.1:9/scim/v2', token: 'unused' })).timeoutMs).toBe(70_000);
  });

  it('When FULFILMENT_* are set, then they beat the manifest for every integration, and INTEGRATION_POLICIES beats them for its own', () => {
    const env = { FULFILMENT_STEP_ATTEMPTS: '2', FULFILMENT_CALL_TIMEOUT_MS: '9000', FULFILMENT_RETRY_AFTER_MS: '700' };
    expect(policyFor(env, scimIntegration({ baseUrl: 'http://127.0.0.1:9/scim/v2', token: 'unused' }))).toMatchObject({ attempts: 2, timeoutMs: 9_000, backoff: { firstMs: 700 } });
    const own = policyFor({ ...env, INTEGRATION_POLICIES: '{"identity":{"attempts":6,"breaker":{"threshold":3},"maxConcurrent":1}}' });
    expect(own).toMatchObject({ attempts: 6, timeoutMs: 9_000, backoff: { firstMs: 700, factor: 2 }, breaker: { threshold: 3, halfOpenAfterMs: 30_000 }, maxConcurrent: 1 });
  });

  it('When the JSON is broken, names an unknown setting or a value out of range, then the start stops and says where', () => {
    expect(() => loadConfig({ INTEGRATION_POLICIES: '{identity: 1}' })).toThrow(/INTEGRATION_POLICIES: is not JSON/);
    expect(() => loadConfig({ INTEGRATION_POLICIES: '{"identity":{"timeoutMS":1000}}' })).toThrow(/INTEGRATION_POLICIES: identity: Unrecognized key/);
    expect(() => loadConfig({ INTEGRATION_POLICIES: '{"identity":{"breaker":{"threshold":0}}}' })).toThrow(/INTEGRATION_POLICIES: identity\.breaker\.threshold/);
  });
});
