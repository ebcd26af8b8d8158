import { submitRequest } from '../submit-request.js';
import type { HrEventHandler } from './hr-event-context.js';
import { hrRequestTypes } from './hr-event.js';
import { directoryPerson } from './people-of-event.js';

/**
 * A leaver becomes a leaver request in their manager's name, approved by the event itself: its
 * plan (remove every group, deactivate the account, recall the equipment) waits for the first
 * moment of the last day in TIME_ZONE (`fulfilment.startsOn` of dialogs/leaver.yaml).
 */
export const leaverEvent: HrEventHandler = async (ctx, event, key) => {
  const { person } = event;
  const manager = await directoryPerson(ctx.directory, person.managerEmail, 'manager');
  const submitted = await submitRequest(ctx, {
    requestTypeId: hrRequestTypes.leaver,
    requester: manager,
    channel: 'api',
    intake: 'hr',
    submissionKey: key,
    fields: { leaver: person.email, name: person.name, 'employee-id': person.employeeId, 'last-day': person.lastDay },
  });
  return { requestNumbers: [submitted.number] };
};
