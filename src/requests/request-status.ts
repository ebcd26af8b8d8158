import type { StatusLine } from '../messages/reply.js';
import { teamsOf } from '../auth/index.js';
import type { Person } from '../directory/person.js';
import { NotFoundError } from '../shared/errors.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { formatRequestNumber, parseRequestNumber } from '../request-records/request-number.js';
import { statusLineFor } from './status-line.js';

/** Status by number, the latest of a type, or the person's open requests. */
export async function requestStatus(ctx: LifecycleContext, person: Person, query: { number?: string; requestTypeId?: string; includeClosed?: boolean }): Promise<StatusLine[]> {
  let rows: RequestRow[];
  if (query.number !== undefined) {
    // A chat carries no roles: people see their own requests and those they were asked to approve.
    rows = [await visibleRequest(ctx, { person, roles: [] }, query.number)];
  } else if (query.requestTypeId) {
    rows = await ctx.store.read.requests.listByRequester(person.id, { requestTypeId: query.requestTypeId, includeClosed: true, limit: 1 });
  } else {
    rows = await ctx.store.read.requests.listByRequester(person.id, { includeClosed: query.includeClosed ?? false });
  }
  return Promise.all(rows.map((r) => statusLineFor(ctx, r, person)));
}

/** Who is looking: a directory person and the roles they were given (none in a chat). */
export interface Viewer {
  person: Person;
  roles: readonly string[];
}

/**
 * A request the viewer may see: their own, one they were asked to approve, one with a step
 * for a team of theirs when they have the `fulfiller` role, or any with the `agent` or
 * `auditor` role. A directory group alone grants nothing. Others get the same answer as a
 * number that does not exist, so request numbers cannot be probed.
 */
export async function visibleRequest(ctx: Pick<LifecycleContext, 'store' | 'fulfilment'>, viewer: Viewer, number: string): Promise<RequestRow> {
  const n = parseRequestNumber(number);
  const request = n === undefined ? undefined : await ctx.store.read.requests.findByNumber(n);
  const notFound = new NotFoundError(`There is no request ${n === undefined ? number : formatRequestNumber(n)}`);
  if (!request) throw notFound;
  if (viewer.roles.includes('agent') || viewer.roles.includes('auditor') || request.requesterId === viewer.person.id) return request;
  const approvals = await ctx.store.read.approvals.listByRequest(request.id);
  if (approvals.some((a) => a.approverId === viewer.person.id)) return request;
  if (viewer.roles.includes('fulfiller')) {
    const teams = teamsOf(viewer.person);
    if ((await ctx.fulfilment.steps(request.id)).some((s) => s.team !== null && teams.includes(s.team))) return request;
  }
  throw notFound;
}
