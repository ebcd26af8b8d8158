import type { StatusLine } from '../messages/reply.js';
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
    rows = [await visibleRequest(ctx, person, query.number)];
  } else if (query.requestTypeId) {
    rows = await ctx.store.read.requests.listByRequester(person.id, { requestTypeId: query.requestTypeId, includeClosed: true, limit: 1 });
  } else {
    rows = await ctx.store.read.requests.listByRequester(person.id, { includeClosed: query.includeClosed ?? false });
  }
  return Promise.all(rows.map((r) => statusLineFor(ctx, r, person)));
}

/**
 * A request the person may see: their own, one they were asked to approve, or any for the
 * service desk. Others get the same answer as a number that does not exist.
 */
export async function visibleRequest(ctx: Pick<LifecycleContext, 'store'>, person: Person, number: string, options: { seeAll?: boolean } = {}): Promise<RequestRow> {
  const n = parseRequestNumber(number);
  const request = n === undefined ? undefined : await ctx.store.read.requests.findByNumber(n);
  const shown = n === undefined ? number : formatRequestNumber(n);
  if (!request) throw new NotFoundError(`There is no request ${shown}`);
  if (options.seeAll || request.requesterId === person.id || person.groups.includes('service-desk')) return request;
  const approvals = await ctx.store.read.approvals.listByRequest(request.id);
  if (approvals.some((a) => a.approverId === person.id)) return request;
  throw new NotFoundError(`There is no request ${shown}`);
}
