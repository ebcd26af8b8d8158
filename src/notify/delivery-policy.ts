/**
 * How hard the outbox tries: a message no channel could deliver is offered again after a
 * backoff that doubles, and becomes a dead letter (shown to the service desk, counted in
 * /health) after `maxAttempts`. A person no channel reaches at all is remembered as such for
 * `unreachableMs`, so their messages are not looked up on every flush. Declared by the
 * composition root from configuration.
 */
export interface DeliveryPolicy {
  maxAttempts: number;
  /** The wait after the first failed attempt, multiplied by `factor` after each next one, at most `maxMs`. */
  backoff: { firstMs: number; factor: number; maxMs: number };
  unreachableMs: number;
  /** A flush claims batch after batch until nothing is due or this long has passed; the sweep carries on later. */
  flushBudgetMs: number;
  /** Rows claimed at a time. */
  batchSize: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 8,
  backoff: { firstMs: 30_000, factor: 2, maxMs: 3_600_000 },
  unreachableMs: 15 * 60_000,
  flushBudgetMs: 15_000,
  batchSize: 200,
};

/** The wait after a message's `attempts`-th failed attempt (1 for the first); never zero, so a flush moves on. */
export function retryDelayMs(policy: DeliveryPolicy, attempts: number): number {
  const { firstMs, factor, maxMs } = policy.backoff;
  return Math.max(1, Math.min(maxMs, Math.round(firstMs * factor ** Math.max(0, attempts - 1))));
}
