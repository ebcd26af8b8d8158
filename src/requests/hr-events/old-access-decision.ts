import type { Person } from '../../directory/person.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import type { LifecycleContext } from '../lifecycle-context.js';
import type { SubmittedRequest } from '../request-lifecycle.js';
import { submitRequest } from '../submit-request.js';
import { hrEventSchema, hrRequestTypes } from './hr-event.js';

/**
 * The new manager of a mover decides which of the old access goes: the groups named are
 * removed by an access-change request in their name (no approval: the manager is the one who
 * would approve it); the rest is kept. Deciding again with the same groups answers with the
 * same request.
 */
export async function decideOldAccess(ctx: LifecycleContext, input: { eventId: string; actor: Person; remove: string[] }): Promise<SubmittedRequest> {
  const row = await ctx.store.read.hrEvents.findTaken(input.eventId);
  const event = row?.type === 'mover' ? hrEventSchema.safeParse(row.body) : undefined;
  if (!row || !event?.success) throw new NotFoundError(`There is no accepted mover event ${input.eventId}`);
  if (event.data.person.managerEmail.toLowerCase() !== input.actor.email.toLowerCase()) {
    throw new ForbiddenError(`Only ${event.data.person.managerEmail}, the new manager, decides on this access`);
  }
  const held = new Set(row.oldAccess ?? []);
  const unknown = input.remove.filter((g) => !held.has(g));
  if (unknown.length) throw new ValidationError(`${unknown.join(', ')} is not old access of this move`, { remove: `choose from ${[...held].join(', ') || 'nothing'}` });
  const remove = [...new Set(input.remove)].sort();
  if (!remove.length) throw new ValidationError('Name at least one group to remove; access not named is kept', { remove: 'empty' });
  return submitRequest(ctx, {
    requestTypeId: hrRequestTypes.mover, requester: input.actor, channel: 'api', intake: 'hr',
    submissionKey: `hr-event:${input.eventId}:old-access:${remove.join(',')}`,
    fields: { person: event.data.person.email, name: event.data.person.name, 'remove-groups': remove.join(', ') },
  });
}
