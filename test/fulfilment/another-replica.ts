import { pino } from 'pino';
import type { Deps } from '../../src/deps.js';
import { createFulfilment } from '../../src/fulfilment/create-fulfilment.js';
import { failOnFirstError, type FailurePolicy } from '../../src/fulfilment/failure-policy.js';
import type { Fulfilment } from '../../src/fulfilment/fulfilment.js';
import { replicaClaims } from '../../src/replicas/replica-claims.js';

/**
 * The fulfilment module of a second process on the same database: its own owner and leases,
 * the same store, catalog, directory and integrations, as `buildDeps` builds them; `now`: the
 * time it reads (a test clock), the system's when left out.
 */
export function anotherReplica(deps: Deps, options: { leaseMs?: number; failurePolicy?: FailurePolicy; now?: () => number } = {}): Fulfilment {
  return createFulfilment({
    store: deps.store, catalog: () => deps.catalog, directory: deps.directory, integrations: deps.integrations, outbox: deps.notifier,
    now: options.now ?? Date.now, log: pino({ level: 'silent' }), claims: replicaClaims(options.leaseMs ?? 60_000), timeZone: 'UTC',
    failurePolicy: options.failurePolicy ?? failOnFirstError,
  });
}

/** Polls until `check` holds, for what real time decides (a retry's Retry-After, another process). */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > giveUp) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
