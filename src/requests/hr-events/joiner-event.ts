import { submitRequest } from '../submit-request.js';
import type { HrEventHandler } from './hr-event-context.js';
import { hrRequestTypes } from './hr-event.js';
import { directoryPerson } from './people-of-event.js';

/**
 * A joiner becomes an onboarding request made by their manager (who would otherwise fill in
 * the same form), with the answers from the event; it goes through the onboarding type's own
 * approval, and its plan gives the bundle of the department and role (bundles/).
 */
export const joinerEvent: HrEventHandler = async (ctx, event, key) => {
  const { person } = event;
  const manager = await directoryPerson(ctx.directory, person.managerEmail, 'manager');
  const submitted = await submitRequest(ctx, {
    requestTypeId: hrRequestTypes.joiner,
    requester: manager,
    channel: 'api',
    submissionKey: key,
    fields: {
      'joiner-name': person.name,
      'personal-email': person.personalEmail,
      'start-date': person.startDate,
      department: person.department,
      role: person.role,
      title: person.title ?? person.role,
      manager: person.managerEmail,
      location: person.location ?? manager.location,
    },
  });
  return { requestNumbers: [submitted.number] };
};
