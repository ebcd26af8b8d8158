import type { Metrics } from '../shared/metrics.js';
import { CallDeferred, FailedAfterDeferrals, failurePolicySchema, policyOf, type FailurePolicy } from './failure-policy.js';
import { IntegrationGuard, type IntegrationHealth } from './integration-guard.js';

/**
 * The policies of every integration on this replica (one IntegrationGuard each: timeout,
 * circuit breaker, concurrency, pause after a 429), and which steps' attempts were deferrals.
 * Built once by the composition root; fulfilment calls through it, /health/integrations and
 * /metrics read it. State is per replica: each replica's breaker opens on what it sees.
 */
export class IntegrationPolicies {
  private readonly guards = new Map<string, IntegrationGuard>();
  /** Deferred attempts by step, so a step's attempts count only calls that were made (per replica, in memory). */
  private readonly deferrals = new Map<string, number>();
  private readonly policy: FailurePolicy;

  constructor(policy: FailurePolicy, private readonly options: { now: () => number; metrics?: Metrics | undefined; integrationIds?: string[] }) {
    this.policy = failurePolicySchema.parse(policy);
    for (const id of options.integrationIds ?? []) this.guard(id);
  }

  /**
   * One call of a step's operation. Resolves with the answer; rejects with a CallDeferred
   * when no call was made, or with the failure wrapped with the step's deferrals so far.
   */
  async call<T>(integration: string, operation: string, stepKey: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      const answer = await this.guard(integration).call(operation, run);
      this.deferrals.delete(stepKey);
      return answer;
    } catch (error) {
      if (error instanceof CallDeferred) {
        this.deferrals.set(stepKey, (this.deferrals.get(stepKey) ?? 0) + 1);
        this.options.metrics?.integrationDeferred(integration, operation, error.reason);
        throw error;
      }
      throw new FailedAfterDeferrals(error, this.deferrals.get(stepKey) ?? 0);
    }
  }

  /** The step is over (done, failed for good, cancelled): its deferrals are forgotten. */
  forget(stepKey: string): void {
    this.deferrals.delete(stepKey);
  }

  /** Every integration called or configured so far, by id. */
  health(): IntegrationHealth[] {
    return [...this.guards.values()].map((g) => g.health()).sort((a, b) => a.integration.localeCompare(b.integration));
  }

  private guard(id: string): IntegrationGuard {
    let guard = this.guards.get(id);
    if (!guard) {
      guard = new IntegrationGuard(id, policyOf(this.policy, id), this.options.now);
      this.guards.set(id, guard);
    }
    return guard;
  }
}
