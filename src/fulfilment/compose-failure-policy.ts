import { resolveIntegrationPolicy, type IntegrationPolicyOverrides } from '../config/integration-policy-settings.js';
import { defaultIntegrationPolicy, type FailurePolicy } from './failure-policy.js';
import type { Integration } from './integration.js';

/** What fulfilment does without any setting: 4 calls, 5 s (median) then doubling up to an hour, 30 s a call. */
export const builtInFailurePolicy: FailurePolicy = { attempts: 4, backoff: { firstMs: 5_000, factor: 2, maxMs: 3_600_000 }, callTimeoutMs: 30_000 };

/** The FULFILMENT_* settings, each only when set. */
export interface FailureSettingsForAll {
  attempts?: number | undefined;
  firstRetryMs?: number | undefined;
  callTimeoutMs?: number | undefined;
}

/**
 * The failure policy of every integration, each setting resolved in layers: the built-in
 * defaults, the integration's manifest, the FULFILMENT_* settings when set (for every
 * integration), INTEGRATION_POLICIES for this one.
 */
export function composeFailurePolicy(forAll: FailureSettingsForAll, integrations: Integration[], byId: Record<string, IntegrationPolicyOverrides>): FailurePolicy {
  const base: FailurePolicy = {
    attempts: forAll.attempts ?? builtInFailurePolicy.attempts,
    backoff: { ...builtInFailurePolicy.backoff, ...(forAll.firstRetryMs === undefined ? {} : { firstMs: forAll.firstRetryMs }) },
    callTimeoutMs: forAll.callTimeoutMs ?? builtInFailurePolicy.callTimeoutMs,
  };
  const configured: IntegrationPolicyOverrides = {
    ...(forAll.attempts === undefined ? {} : { attempts: forAll.attempts }),
    ...(forAll.firstRetryMs === undefined ? {} : { backoff: { firstMs: forAll.firstRetryMs } }),
    ...(forAll.callTimeoutMs === undefined ? {} : { timeoutMs: forAll.callTimeoutMs }),
  };
  const ids = new Set([...integrations.map((i) => i.id), ...Object.keys(byId)]);
  const manifests = new Map(integrations.map((i) => [i.id, i.policy]));
  const resolved = Object.fromEntries([...ids].map((id) => [id, resolveIntegrationPolicy(defaultIntegrationPolicy(builtInFailurePolicy), manifests.get(id), configured, byId[id])]));
  return { ...base, integrations: resolved };
}
