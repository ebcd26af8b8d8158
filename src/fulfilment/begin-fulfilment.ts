import type { AuditChannel } from '../audit/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Person } from '../directory/person.js';
import type { Repositories } from '../store/repositories.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { transition } from '../request-records/transition.js';
import { planSteps } from './fulfilment-plan.js';

/** approved -> in_fulfilment with the plan stored; the caller runs the steps after commit. */
export async function beginFulfilment(repos: Repositories, catalog: Catalog, request: RequestRow, requester: Person, change: { actorId: string; channel: AuditChannel; at: number }): Promise<RequestRow> {
  const requestType = catalog.requestType(request.requestTypeId);
  if (!requestType) {
    return transition(repos, request, { to: 'failed', actorId: change.actorId, reason: `The request type ${request.requestTypeId} is no longer in the catalog`, channel: change.channel, at: change.at });
  }
  const steps = planSteps(catalog, requestType, request, requester, change.at);
  await repos.fulfilmentSteps.insert(steps);
  return transition(repos, request, {
    to: 'in_fulfilment', actorId: change.actorId, channel: change.channel, at: change.at,
    reason: `Fulfilment started: ${steps.map((s) => s.title).join(', ')}`,
  });
}
