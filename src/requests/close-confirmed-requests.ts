import { transition } from '../request-records/transition.js';
import type { LifecycleContext } from './lifecycle-context.js';

/**
 * fulfilled -> closed once the confirmation window has passed with nobody reporting a
 * problem: a scheduled job, run once across replicas. Returns how many requests it closed.
 */
export async function closeConfirmedRequests(ctx: Pick<LifecycleContext, 'store' | 'now'>, windowMs: number): Promise<number> {
  const cutoff = ctx.now() - windowMs;
  const due = await ctx.store.read.requests.listInStatusSince('fulfilled', cutoff);
  if (!due.length) return 0;
  const days = Math.round(windowMs / 86_400_000);
  return ctx.store.transaction(async (repos) => {
    let closed = 0;
    for (const { id } of due) {
      const request = await repos.requests.findById(id);
      // Re-read in the transaction: something may have changed it since the list was read.
      if (request?.status !== 'fulfilled' || request.updatedAt >= cutoff) continue;
      await transition(repos, request, {
        to: 'closed',
        actorId: 'system',
        reason: `No problem reported within ${days} day${days === 1 ? '' : 's'} of fulfilment`,
        channel: 'system',
        at: ctx.now(),
      });
      closed += 1;
    }
    return closed;
  });
}
