import type { Person } from '../directory/person.js';
import { isoToday } from '../calendar/calendar.js';
import { ValidationError } from '../shared/errors.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { validateFields } from './validate-fields.js';

/** The answers checked as submit checks them, recording nothing (a form's inline errors). */
export async function validateRequest(ctx: LifecycleContext, input: { requestTypeId: string; requester: Person; fields: Record<string, unknown> }): Promise<Record<string, unknown>> {
  const catalog = ctx.catalog();
  const requestType = catalog.requestType(input.requestTypeId);
  if (!requestType) throw new ValidationError('Unknown request type', { requestTypeId: `${input.requestTypeId} is not in the catalog` });
  return validateFields({ catalog, requestType, requester: input.requester, fields: input.fields, directory: ctx.directory, today: isoToday(ctx.now(), ctx.timeZone) });
}
