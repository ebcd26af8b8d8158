import type { Person } from '../directory/person.js';
import { FrontdoorError, NotFoundError } from '../shared/errors.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { checkEligibility, checkThrottle } from './request-guards.js';

/** The dialog's pre-check: the message to show when the person may not ask now, else undefined. */
export async function precheckRequest(ctx: LifecycleContext, input: { requestTypeId: string; requester: Person; fields: Record<string, unknown> }): Promise<string | undefined> {
  const catalog = ctx.catalog();
  const requestType = catalog.requestType(input.requestTypeId);
  if (!requestType) throw new NotFoundError(`There is no request type ${input.requestTypeId}`);
  try {
    checkEligibility(catalog, requestType, input.requester, input.fields);
    await checkThrottle(ctx.store.read, requestType, input.requester, ctx.now(), ctx.timeZone);
    return undefined;
  } catch (error) {
    if (error instanceof FrontdoorError) return error.userMessage;
    throw error;
  }
}
