import type { Person } from '../directory/person.js';
import { FrontdoorError, NotFoundError } from '../shared/errors.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { firstNamedPrecheckFailure } from './prechecks/index.js';
import { checkEligibility, checkThrottle } from './request-guards.js';

/**
 * The pre-check of every form (the chat dialog, Slack's modal): the message to show when the
 * person may not ask now (eligibility, throttle, the request type's named pre-checks such as
 * stock and free licence seats), else undefined. Submitting runs the same checks again.
 */
export async function precheckRequest(ctx: LifecycleContext, input: { requestTypeId: string; requester: Person; fields: Record<string, unknown> }): Promise<string | undefined> {
  const catalog = ctx.catalog();
  const requestType = catalog.requestType(input.requestTypeId);
  if (!requestType) throw new NotFoundError(`There is no request type ${input.requestTypeId}`);
  try {
    checkEligibility(catalog, requestType, input.requester, input.fields);
    const failure = firstNamedPrecheckFailure({ catalog, requestType, requester: input.requester, fields: input.fields });
    if (failure) return failure.message;
    await checkThrottle(ctx.store.read, requestType, input.requester, ctx.now(), ctx.timeZone);
    return undefined;
  } catch (error) {
    if (error instanceof FrontdoorError) return error.userMessage;
    throw error;
  }
}
