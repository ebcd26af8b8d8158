/**
 * What the app counts for operators, recorded where it happens and exported at /metrics by
 * the Prometheus registry (src/http/prometheus-metrics.ts). Counts that the database already
 * holds (approvals, steps, the outbox) are read from it when scraped instead.
 */
export interface Metrics {
  /** A person's turn through a channel: answered, or ended in the apology of the turn-error policy. */
  turn(channel: string, outcome: 'answered' | 'failed'): void;
  /** What the classifier decided about free text: confident, ambiguous or unsure. */
  classified(decision: string): void;
  /** One call of an integration's operation and how long it took. */
  integrationCall(integration: string, operation: string, outcome: 'ok' | 'failed', seconds: number): void;
  /** A step's call that was not made: the integration's breaker is open, it asked for a pause (429), or too many calls wait. */
  integrationDeferred(integration: string, operation: string, reason: string): void;
}
