import type { RequestLifecycle } from '../requests/request-lifecycle.js';
import { prechecks, type PrecheckContext, type PrecheckFailure } from './prechecks/index.js';

/**
 * The request type's named pre-checks, then the lifecycle's eligibility and throttle
 * checks on the answers; the first failure wins.
 */
export async function firstPrecheckFailure(ctx: PrecheckContext, lifecycle: RequestLifecycle): Promise<PrecheckFailure | undefined> {
  for (const name of ctx.requestType.prechecks) {
    const check = prechecks[name];
    // The catalog validator rejects unknown names at boot; a stale one is skipped, not fatal.
    const failure = check?.(ctx);
    if (failure) return failure;
  }
  const refusal = await lifecycle.precheck({ requestTypeId: ctx.requestType.id, requester: ctx.requester, fields: ctx.fields });
  return refusal ? { message: refusal } : undefined;
}
