import { enqueue } from '../../notify/outbox-notifier.js';
import { submitRequest } from '../submit-request.js';
import type { HrEventHandler } from './hr-event-context.js';
import { hrRequestTypes } from './hr-event.js';
import { directoryPerson } from './people-of-event.js';

/**
 * A mover gets the groups of their new bundle at once (an access-change request in the new
 * manager's name, approved by the event). What they held before that the new bundle does not
 * give (the old bundle's groups and time-bound access still held) is listed for the new
 * manager, who keeps it or has it removed (POST /api/v1/hr/events/{id}/old-access).
 */
export const moverEvent: HrEventHandler = async (ctx, event, key) => {
  const { person } = event;
  const email = person.email!;
  const mover = await directoryPerson(ctx.directory, email, 'person');
  const manager = await directoryPerson(ctx.directory, person.managerEmail, 'manager');
  const catalog = ctx.catalog();
  const before = event.previous ?? { department: mover.department.toLowerCase(), role: mover.role.toLowerCase() };
  const newBundle = catalog.bundleFor(person.department, person.role);
  const oldBundle = catalog.bundleFor(before.department, before.role);
  const grants = await ctx.store.read.accessGrants.activeByPerson(mover.id);
  const keeps = new Set(newBundle?.groups ?? []);
  const oldAccess = [...new Set([...(oldBundle?.groups ?? []), ...grants.map((g) => g.groupName)])].filter((g) => !keeps.has(g));

  const requestNumbers: string[] = [];
  if (newBundle?.groups.length) {
    const submitted = await submitRequest(ctx, {
      requestTypeId: hrRequestTypes.mover, requester: manager, channel: 'api', intake: 'hr', submissionKey: key,
      fields: { person: email, name: person.name, 'add-groups': newBundle.groups.join(', ') },
    });
    requestNumbers.push(submitted.number);
  }
  const text = oldAccess.length
    ? `${person.name} has moved to your team (${newBundle?.title ?? person.department}). ${requestNumbers.length ? `${requestNumbers[0]} gives them the ${newBundle?.title} groups. ` : ''}` +
      `From before the move they still have: ${oldAccess.join(', ')}. Keep what they still need; what they no longer need is removed when you say so (HR event ${event.id}).`
    : `${person.name} has moved to your team (${newBundle?.title ?? person.department}). ${requestNumbers.length ? `${requestNumbers[0]} gives them the ${newBundle?.title} groups; ` : ''}nothing from before the move remains to review.`;
  await ctx.store.transaction((repos) => enqueue(repos, manager.id, [{ kind: 'text', text }], ctx.now()));
  await ctx.outbox.flush();
  return { requestNumbers, oldAccess };
};
