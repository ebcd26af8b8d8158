import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * This process as the owner of the work it claims in the shared database (Slack events,
 * conversation turns, fulfilment steps, outbox rows, scheduled jobs), and how long a claim
 * lasts without renewal. Work whose owner died is taken over by another replica once the
 * lease runs out; a live owner renews its claims well before that.
 */
export interface ReplicaClaims {
  readonly owner: string;
  readonly leaseMs: number;
}

export const defaultLeaseMs = 15_000;

export function replicaClaims(leaseMs = defaultLeaseMs): ReplicaClaims {
  return { owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, leaseMs };
}

/** How often a holder renews its claims and replicas look for work whose owner died. */
export function renewEveryMs(claims: ReplicaClaims): number {
  return Math.max(250, Math.floor(claims.leaseMs / 3));
}

/**
 * Runs `work` while renewing its claim every third of the lease, so long work (a slow
 * integration, a language model) is not taken over by another replica while it runs.
 */
export async function whileRenewing<T>(claims: ReplicaClaims, renew: () => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => { renew().catch(() => undefined); }, renewEveryMs(claims));
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
