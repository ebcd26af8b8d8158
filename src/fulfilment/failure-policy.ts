import { z } from 'zod';
import { IntegrationError } from '../shared/errors.js';

/**
 * What fulfilment does when work fails: how many times an integration step is called before
 * it fails for good, how long to wait between calls, and how long one call may take.
 * Declared by the composition root; a durable engine (per-integration policies, circuit
 * breakers) fills the same seam later.
 */
export const failurePolicySchema = z.object({
  /** Calls of one integration step in all (1: a failure fails the request at once). */
  attempts: z.number().int().min(1).max(20),
  /** The wait before the first retry, multiplied by `factor` before each next one, at most `maxMs`. */
  backoff: z.object({
    firstMs: z.number().int().min(0),
    factor: z.number().min(1).max(10),
    maxMs: z.number().int().min(0),
  }),
  /** How long one call of an integration may take before it counts as "no answer" (retryable). */
  callTimeoutMs: z.number().int().min(1).max(600_000),
});
export type FailurePolicy = z.infer<typeof failurePolicySchema>;

/** No retries: an integration step that fails fails the request, and the service desk follows up. */
export const failOnFirstError: FailurePolicy = { attempts: 1, backoff: { firstMs: 5_000, factor: 2, maxMs: 300_000 }, callTimeoutMs: 30_000 };

// A Retry-After longer than this is the system's mistake, not a plan: wait this long at most.
const longestRetryAfterMs = 24 * 3_600_000;

/** The wait after the `failures`-th failure (1 for the first) before the next try. */
export function backoffMs(policy: Pick<FailurePolicy, 'backoff'>, failures: number): number {
  const { firstMs, factor, maxMs } = policy.backoff;
  return Math.min(maxMs, Math.round(firstMs * factor ** Math.max(0, failures - 1)));
}

/** The backoff, or longer when the system said how long to wait (Retry-After). */
export function retryDelayMs(policy: FailurePolicy, failures: number, error: unknown): number {
  const asked = error instanceof IntegrationError && error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, longestRetryAfterMs) : 0;
  return Math.max(backoffMs(policy, failures), asked);
}

/**
 * Whether a step that failed after `attempts` calls is called again: only for errors the
 * system may not give again (no answer, 5xx, 429), and only while calls are left.
 */
export function mayRetry(policy: FailurePolicy, attempts: number, error: unknown): boolean {
  return attempts < policy.attempts && error instanceof IntegrationError && error.retryable;
}
