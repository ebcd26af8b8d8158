import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  timeout,
  wrap,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { IntegrationError } from '../shared/errors.js';
import { CallDeferred } from './failure-policy.js';
import type { IntegrationPolicy } from '../config/integration-policy-settings.js';

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** What /health/integrations and /metrics show of one integration on this replica. */
export interface IntegrationHealth {
  integration: string;
  breaker: BreakerState;
  /** When the breaker last opened, while it is open or half-open (ISO). */
  openedAt: string | null;
  /** When an open breaker lets one probe call through (ISO). */
  halfOpensAt: string | null;
  inFlight: number;
  queued: number;
  /** Until when the system asked not to be called (429 with Retry-After), while that lasts (ISO). */
  pausedUntil: string | null;
  settings: IntegrationPolicy;
}

const states: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * One integration's calls on this replica, under cockatiel: at most `maxConcurrent` at once
 * (bulkhead, outermost, so waiting in line is not part of a call's time), a circuit breaker
 * that opens after `threshold` failures in a row that say the system is down (no answer,
 * 5xx), and a timeout per call that aborts the call's signal. While the breaker is open, or
 * while the system asked for a pause (429 with Retry-After), no call is made: the caller gets
 * a CallDeferred saying how long to wait. The breaker keeps its own time (the system clock);
 * the pause uses the app's clock.
 */
export class IntegrationGuard {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private readonly policy;
  private openedAt: number | undefined;
  private pausedUntil = 0;

  constructor(readonly id: string, readonly settings: IntegrationPolicy, private readonly now: () => number) {
    // A refusal (4xx) is the request's problem, not the system's; an answer that says when to come back pauses instead.
    const down = handleWhen((e) => e instanceof TaskCancelledError || (e instanceof IntegrationError && e.retryable && e.retryAfterMs === undefined));
    this.breaker = circuitBreaker(down, { halfOpenAfter: settings.breaker.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.breaker.threshold) });
    this.breaker.onBreak(() => { this.openedAt = Date.now(); });
    this.breaker.onReset(() => { this.openedAt = undefined; });
    this.bulkhead = bulkhead(settings.maxConcurrent, settings.maxQueued);
    this.policy = wrap(this.bulkhead, this.breaker, timeout(settings.timeoutMs, TimeoutStrategy.Aggressive));
  }

  /** Runs one call of `operation`; throws CallDeferred when it was not made, IntegrationError when it failed. */
  async call<T>(operation: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.deferIfHeld(operation);
    try {
      return await this.policy.execute(({ signal }) => {
        // Checked again after waiting in line: another call may have been told to pause meanwhile.
        this.deferIfHeld(operation);
        return run(signal);
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw this.breakerOpen(operation);
      if (error instanceof BulkheadRejectedError) throw this.busy(operation);
      if (error instanceof TaskCancelledError) {
        throw new IntegrationError(this.id, operation, `no answer within ${duration(this.settings.timeoutMs)}`, { retryable: true, cause: error });
      }
      if (error instanceof IntegrationError && !(error instanceof CallDeferred) && error.retryAfterMs !== undefined) this.pauseFor(error.retryAfterMs);
      throw error;
    }
  }

  health(): IntegrationHealth {
    const now = this.now();
    const breaker = states[this.breaker.state];
    const open = breaker === 'open' || breaker === 'half-open';
    return {
      integration: this.id,
      breaker,
      openedAt: open && this.openedAt !== undefined ? new Date(this.openedAt).toISOString() : null,
      halfOpensAt: breaker === 'open' && this.openedAt !== undefined ? new Date(this.openedAt + this.settings.breaker.halfOpenAfterMs).toISOString() : null,
      inFlight: this.settings.maxConcurrent - this.bulkhead.executionSlots,
      queued: this.settings.maxQueued - this.bulkhead.queueSlots,
      pausedUntil: this.pausedUntil > now ? new Date(this.pausedUntil).toISOString() : null,
      settings: this.settings,
    };
  }

  /** The system said when to come back: no call to it before then, for any step. */
  private pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private deferIfHeld(operation: string): void {
    const now = this.now();
    if (this.pausedUntil > now) {
      throw new CallDeferred(this.id, operation, 'paused', this.pausedUntil - now, `the system asked not to be called until ${new Date(this.pausedUntil).toISOString()}`);
    }
    if (this.breaker.state === CircuitState.Open && this.remainingOpenMs() > 0) throw this.breakerOpen(operation);
  }

  private breakerOpen(operation: string): CallDeferred {
    // Rejected while a probe runs (or a moment early): look again shortly.
    const waitMs = Math.ceil(Math.max(this.remainingOpenMs(), Math.min(1_000, this.settings.breaker.halfOpenAfterMs)));
    return new CallDeferred(this.id, operation, 'breaker-open', waitMs, `calls wait while the system is failing (circuit breaker open); the next try is in ${Math.ceil(waitMs / 1000)} s`);
  }

  private busy(operation: string): CallDeferred {
    return new CallDeferred(this.id, operation, 'busy', Math.max(1_000, this.settings.backoff.firstMs), 'too many calls are waiting for the system on this replica');
  }

  private remainingOpenMs(): number {
    return this.openedAt === undefined ? 0 : this.openedAt + this.settings.breaker.halfOpenAfterMs - Date.now();
  }
}

function duration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
