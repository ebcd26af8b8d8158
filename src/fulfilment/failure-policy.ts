import { ExponentialBackoff, decorrelatedJitterGenerator, type IBackoff } from 'cockatiel';
import { z } from 'zod';
import { IntegrationError } from '../shared/errors.js';
import { integrationPolicySchema, type IntegrationPolicy } from '../config/integration-policy-settings.js';

/**
 * What fulfilment does when work fails: how many times an integration step is called before
 * it fails for good, how long to wait between calls, and how long one call may take, for
 * every integration (`attempts`, `backoff`, `callTimeoutMs`) and per integration
 * (`integrations`, resolved by the composition root from each manifest and the configuration,
 * see integration-policy-settings.ts). Retries stay durable: the step waits and queued work
 * calls it again; only the wait is computed here.
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
  /** Each integration's own settings, by integration id; one not listed uses the values above. */
  integrations: z.record(z.string(), integrationPolicySchema).default({}),
});
export type FailurePolicy = z.input<typeof failurePolicySchema>;

/** No retries: an integration step that fails fails the request, and the service desk follows up. */
export const failOnFirstError: FailurePolicy = { attempts: 1, backoff: { firstMs: 5_000, factor: 2, maxMs: 300_000 }, callTimeoutMs: 30_000 };

// A Retry-After longer than this is the system's mistake, not a plan: wait this long at most.
const longestRetryAfterMs = 24 * 3_600_000;

/**
 * The call was not made: the integration's circuit breaker is open, or the system asked to be
 * left alone until a time (429 with Retry-After), or too many calls already queue for it. The
 * step waits `waitMs` (until the breaker half-opens, or the pause ends), always, and the wait
 * is not one of its attempts.
 */
export class CallDeferred extends IntegrationError {
  constructor(integration: string, operation: string, readonly reason: 'breaker-open' | 'paused' | 'busy', readonly waitMs: number, message: string) {
    super(integration, operation, message, { retryable: true, retryAfterMs: waitMs });
  }
}

/**
 * A call that was made and failed, with how many of the step's attempts so far were
 * deferrals (never reached the system): those are not counted against its attempts.
 */
export class FailedAfterDeferrals {
  constructor(readonly error: unknown, readonly deferredAttempts: number) {}
}

/** The wait after the `failures`-th failure (1 for the first) before the next try, without jitter (runs that crashed). */
export function backoffMs(policy: Pick<FailurePolicy, 'backoff'>, failures: number): number {
  const { firstMs, factor, maxMs } = policy.backoff;
  return Math.min(maxMs, Math.round(firstMs * factor ** Math.max(0, failures - 1)));
}

/**
 * The wait after the `failures`-th failure of a call to this integration: cockatiel's
 * exponential backoff with decorrelated jitter (steps that failed together do not all come
 * back at the same moment), its median near `firstMs`, doubling (by `factor`), at most `maxMs`.
 */
export function jitteredBackoffMs(settings: Pick<IntegrationPolicy, 'backoff'>, failures: number): number {
  const { firstMs, factor, maxMs } = settings.backoff;
  const backoff = new ExponentialBackoff({ initialDelay: firstMs, maxDelay: maxMs, exponent: factor, generator: decorrelatedJitterGenerator });
  let step: IBackoff<unknown> = backoff.next();
  for (let i = 1; i < failures; i++) step = step.next(undefined);
  return Math.round(step.duration);
}

/** The settings of the integration an error came from: its own, or the ones for every integration. */
export function policyOf(policy: FailurePolicy, integration: string | undefined): IntegrationPolicy {
  const own = integration === undefined ? undefined : policy.integrations?.[integration];
  return own ?? defaultIntegrationPolicy(policy);
}

/** What an integration without settings of its own gets. */
export function defaultIntegrationPolicy(policy: FailurePolicy): IntegrationPolicy {
  return {
    timeoutMs: policy.callTimeoutMs,
    attempts: policy.attempts,
    backoff: policy.backoff,
    breaker: { threshold: 5, halfOpenAfterMs: 30_000 },
    maxConcurrent: 4,
    maxQueued: 100,
  };
}

/** The backoff, or longer when the system said how long to wait (Retry-After); a deferral waits exactly its time. */
export function retryDelayMs(policy: FailurePolicy, failures: number, cause: unknown): number {
  if (cause instanceof CallDeferred) return cause.waitMs;
  const { error, counted } = counting(failures, cause);
  const asked = error instanceof IntegrationError && error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, longestRetryAfterMs) : 0;
  const integration = error instanceof IntegrationError ? error.integration : undefined;
  return Math.max(jitteredBackoffMs(policyOf(policy, integration), counted), asked);
}

/**
 * Whether a step that failed after `attempts` calls is called again: always when the call was
 * deferred (the breaker is open, the system asked for a pause); otherwise only for errors the
 * system may not give again (no answer, 5xx, 429), and only while its integration's attempts
 * are left, not counting deferrals.
 */
export function mayRetry(policy: FailurePolicy, attempts: number, cause: unknown): boolean {
  if (cause instanceof CallDeferred) return true;
  const { error, counted } = counting(attempts, cause);
  return error instanceof IntegrationError && error.retryable && counted < policyOf(policy, error.integration).attempts;
}

function counting(attempts: number, cause: unknown): { error: unknown; counted: number } {
  if (cause instanceof FailedAfterDeferrals) return { error: cause.error, counted: Math.max(1, attempts - cause.deferredAttempts) };
  return { error: cause, counted: attempts };
}
