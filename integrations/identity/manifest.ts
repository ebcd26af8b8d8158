import { z } from 'zod';
import type { IntegrationPolicyOverrides } from '../../src/config/integration-policy-settings.js';

/** The identity system (Okta-style users, groups and lifecycle API). */
export const identityManifest = {
  id: 'identity',
  operations: ['reset-password', 'unlock-account', 'grant-access', 'create-account', 'add-to-group', 'remove-from-group', 'last-login', 'deactivate-account', 'list-groups', 'remove-all-groups', 'add-to-groups', 'remove-from-groups'] as const,
  /** Credentials come from the environment by reference; they are never stored or logged. */
  credentials: z.object({ baseUrl: z.url(), token: z.string().min(1) }),
  /**
   * How fulfilment calls it (over the defaults; FULFILMENT_* and INTEGRATION_POLICIES beat it):
   * an operation makes up to three requests of 10 s each, so 30 s a call; five failures in a
   * row open the breaker for 30 s; the tenant's rate limits are per org, so four calls at once.
   */
  policy: {
    timeoutMs: 30_000,
    attempts: 4,
    breaker: { threshold: 5, halfOpenAfterMs: 30_000 },
    maxConcurrent: 4,
  } satisfies IntegrationPolicyOverrides as IntegrationPolicyOverrides,
};

export type IdentityCredentials = z.infer<typeof identityManifest.credentials>;
