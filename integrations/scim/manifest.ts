import { z } from 'zod';
import type { IntegrationPolicyOverrides } from '../../src/config/integration-policy-settings.js';

/**
 * The identity system over SCIM 2.0 (RFC 7643/7644): the same operations as the Okta-style
 * connector, under the same integration id, so the catalog's identity steps run on either.
 * IDENTITY_PROVIDER chooses which one a deployment uses.
 */
export const scimManifest = {
  id: 'identity',
  operations: [
    'find-user',
    'create-account',
    'update-user',
    'activate-account',
    'deactivate-account',
    'add-to-group',
    'remove-from-group',
    'grant-access',
    'list-groups',
    'remove-all-groups',
    'add-to-groups',
    'remove-from-groups',
    'reset-password',
    'unlock-account',
  ] as const,
  /** Base URL (…/scim/v2) and a bearer token, from the environment by reference; never stored or logged. */
  credentials: z.object({ baseUrl: z.url(), token: z.string().min(1) }),
  /**
   * One HTTP request's policy (cockatiel): its timeout, and quick retries of an answer the
   * service may not give again (no answer, 5xx, 429) with jittered exponential backoff or the
   * service's Retry-After. A longer Retry-After, or the last failure, goes back to the
   * fulfilment failure policy, which calls the step again later with the same key.
   */
  calls: z.object({
    timeoutMs: z.number().int().min(1).max(600_000),
    retries: z.number().int().min(0).max(10),
    firstBackoffMs: z.number().int().min(0),
    maxBackoffMs: z.number().int().min(0),
    longestRetryAfterMs: z.number().int().min(0),
  }),
  defaultCalls: { timeoutMs: 10_000, retries: 2, firstBackoffMs: 200, maxBackoffMs: 2_000, longestRetryAfterMs: 5_000 },
  /**
   * How fulfilment calls a step (over the defaults; FULFILMENT_* and INTEGRATION_POLICIES beat
   * it): a step makes a request or two, each with its quick retries above (3 × 10 s plus
   * backoff), so 70 s a call; five failed calls in a row open the breaker for 30 s.
   */
  policy: {
    timeoutMs: 70_000,
    attempts: 4,
    breaker: { threshold: 5, halfOpenAfterMs: 30_000 },
    maxConcurrent: 4,
  } satisfies IntegrationPolicyOverrides as IntegrationPolicyOverrides,
};

export type ScimCredentials = z.infer<typeof scimManifest.credentials>;
export type ScimCallSettings = z.infer<typeof scimManifest.calls>;
