import { z } from 'zod';
import type { Person } from '../directory/person.js';
import { transition } from '../request-records/transition.js';
import type { FulfilmentJobRow } from '../store/repositories/fulfilment-queue-repository.js';
import type { FulfilmentContext } from './fulfilment-context.js';
import { planSteps } from './fulfilment-plan.js';
import { catalogOfRequest } from '../request-records/request-type-snapshots.js';

const auditChannel = z.enum(['webchat', 'slack', 'teams', 'api', 'cli', 'system']);

/**
 * approved -> in_fulfilment with the plan's steps stored, in the name of whoever approved.
 * The requester is looked up before the transaction; a request no longer approved (cancelled
 * meanwhile, or planned by an earlier run of the same work) is left as it is.
 */
export async function startPlan(ctx: FulfilmentContext, job: FulfilmentJobRow): Promise<void> {
  const seen = await ctx.store.read.requests.findById(job.requestId);
  if (seen?.status !== 'approved') return;
  const requester = await ctx.directory.findByEmail(seen.requesterId) ?? fallbackPerson(seen.requesterId);
  const by = { actorId: job.actorId, channel: auditChannel.catch('system').parse(job.channel) };
  await ctx.store.transaction(async (repos) => {
    const request = await repos.requests.findById(job.requestId);
    if (request?.status !== 'approved') return;
    const at = ctx.now();
    // Planned as the request type was defined when the request was made, not as it is now.
    const catalog = await catalogOfRequest(repos, ctx.catalog(), request);
    const requestType = catalog.requestType(request.requestTypeId);
    if (!requestType) {
      await transition(repos, request, { to: 'failed', ...by, reason: `The request type ${request.requestTypeId} is no longer in the catalog`, at });
      return;
    }
    const steps = planSteps(catalog, requestType, request, requester, at, ctx.timeZone);
    await repos.fulfilmentSteps.insert(steps);
    await transition(repos, request, { to: 'in_fulfilment', ...by, at, reason: `Fulfilment started: ${steps.map((s) => s.title).join(', ')}` });
  });
}

// The requester left the directory between approval and fulfilment: fulfil with what is stored.
function fallbackPerson(id: string): Person {
  return { id, email: id, name: id, department: '', title: '', role: '', costCentre: '', location: '', groups: [] };
}
