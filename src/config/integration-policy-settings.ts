import { z } from 'zod';

/**
 * How fulfilment treats calls to one integration: how long a call may take, how many times a
 * step is called before it fails, the backoff between its calls, when its circuit breaker
 * opens and how long it stays open before a probe call, and how many calls run at once.
 */
export const integrationPolicySchema = z.object({
  /** One call of an operation; then the call's signal is aborted and it counts as "no answer" (retryable). */
  timeoutMs: z.number().int().min(1).max(600_000),
  /** Calls of one step in all (deferrals while the breaker is open or the system paused us do not count). */
  attempts: z.number().int().min(1).max(20),
  /** Durable retries: median wait `firstMs`, multiplied by `factor` each time (with jitter), at most `maxMs`. */
  backoff: z.object({
    firstMs: z.number().int().min(0),
    factor: z.number().min(1).max(10),
    maxMs: z.number().int().min(0),
  }),
  /** `threshold` failures in a row (no answer, 5xx) open the breaker; after `halfOpenAfterMs` one probe call decides. */
  breaker: z.object({
    threshold: z.number().int().min(1).max(1_000),
    halfOpenAfterMs: z.number().int().min(10).max(3_600_000),
  }),
  /** Calls of this integration running at once on one replica; more wait in line, up to `maxQueued`. */
  maxConcurrent: z.number().int().min(1).max(1_000),
  maxQueued: z.number().int().min(0).max(10_000),
});
export type IntegrationPolicy = z.infer<typeof integrationPolicySchema>;

/** Part of an integration's settings: what a manifest or the configuration says, the rest from below. */
export const integrationPolicyOverridesSchema = z.object({
  timeoutMs: integrationPolicySchema.shape.timeoutMs.optional(),
  attempts: integrationPolicySchema.shape.attempts.optional(),
  backoff: integrationPolicySchema.shape.backoff.partial().strict().optional(),
  breaker: integrationPolicySchema.shape.breaker.partial().strict().optional(),
  maxConcurrent: integrationPolicySchema.shape.maxConcurrent.optional(),
  maxQueued: integrationPolicySchema.shape.maxQueued.optional(),
}).strict();
export type IntegrationPolicyOverrides = z.infer<typeof integrationPolicyOverridesSchema>;

/** INTEGRATION_POLICIES: settings by integration id, e.g. `{"identity":{"timeoutMs":10000,"breaker":{"threshold":3}}}`. */
export const integrationPoliciesByIdSchema = z.record(z.string().min(1), integrationPolicyOverridesSchema);

/**
 * One integration's settings, each layer over the one before: the defaults for every
 * integration, what its manifest ships with, the FULFILMENT_* variables when set (for every
 * integration), and INTEGRATION_POLICIES for this one. What an operator sets beats what the
 * connector ships with; what names one integration beats what names all.
 */
export function resolveIntegrationPolicy(base: IntegrationPolicy, ...layers: Array<IntegrationPolicyOverrides | undefined>): IntegrationPolicy {
  let resolved = base;
  for (const layer of layers) {
    if (!layer) continue;
    resolved = integrationPolicySchema.parse({
      ...resolved,
      ...withoutUndefined(layer),
      backoff: { ...resolved.backoff, ...withoutUndefined(layer.backoff ?? {}) },
      breaker: { ...resolved.breaker, ...withoutUndefined(layer.breaker ?? {}) },
    });
  }
  return resolved;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
