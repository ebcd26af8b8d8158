import type { RequestLifecycle } from '../requests/request-lifecycle.js';
import { firstNamedPrecheckFailure, type PrecheckContext, type PrecheckFailure } from '../requests/prechecks/index.js';

/**
 * The request type's named pre-checks, then the lifecycle's eligibility and throttle
 * checks on the answers; the first failure wins.
 */
export async function firstPrecheckFailure(ctx: PrecheckContext, lifecycle: RequestLifecycle): Promise<PrecheckFailure | undefined> {
  // Named first, so the dialog knows which field to ask again; the lifecycle checks them too.
  const failure = firstNamedPrecheckFailure(ctx);
  if (failure) return failure;
  const refusal = await lifecycle.precheck({ requestTypeId: ctx.requestType.id, requester: ctx.requester, fields: ctx.fields });
  return refusal ? { message: refusal } : undefined;
}
