import { maskSensitive } from '../audit/index.js';
import type { StepProgress } from '../fulfilment/fulfilment.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { KnownPeople } from '../request-records/known-people.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { LifecycleContext } from './lifecycle-context.js';

/** A request in a list: enough to recognise it and open it. */
export interface RequestSummary {
  number: string;
  title: string;
  requester: { email: string; name: string };
  status: string;
  subStatus: string | null;
  updatedAt: string;
}

/** What waits on the service desk: nothing moves until someone acts. */
export interface NeedsAttention {
  /** Failed requests with their failed steps (run again, or done by hand). */
  failed: Array<{ request: RequestSummary; failedSteps: StepProgress[] }>;
  /** Requests nobody could be asked to approve, with why. */
  needsRouting: Array<{ request: RequestSummary; problem: string | null }>;
  /** Open approvals whose approver is no longer in the directory. */
  approverLeft: Array<{ request: RequestSummary; approvalId: string; stage: string; approver: string; status: string }>;
}

/** Rows per list: the oldest first, so what has waited longest is seen. */
const listLimit = 100;

/** The service desk's worklist: failed requests and steps, requests needing routing, approvals whose approver left. */
export async function needsAttention(ctx: Pick<LifecycleContext, 'store' | 'catalog' | 'directory' | 'fulfilment' | 'now'>): Promise<NeedsAttention> {
  const { read } = ctx.store;
  const until = ctx.now() + 1;
  const [failedRows, submitted, open] = await Promise.all([
    read.requests.listInStatusSince('failed', until, listLimit),
    read.requests.listInStatusSince('submitted', until, listLimit * 2),
    read.approvals.listOpen(listLimit * 5),
  ]);
  const unrouted = submitted.filter((r) => r.subStatus === 'needs_routing').slice(0, listLimit);
  const approvers = await KnownPeople.lookUp(
    ctx.directory,
    open.map((a) => a.approverId),
  );
  const orphaned = open.filter((a) => !approvers.person(a.approverId)).slice(0, listLimit);
  const orphanedRequests = new Map((await read.requests.listByIds([...new Set(orphaned.map((a) => a.requestId))])).map((r) => [r.id, r]));
  const all = [...failedRows, ...unrouted, ...orphanedRequests.values()];
  const people = await KnownPeople.lookUp(
    ctx.directory,
    all.map((r) => r.requesterId),
  );
  const summary = (r: RequestRow) => summarise(ctx, people, r);
  return {
    failed: await Promise.all(
      failedRows.map(async (r) => ({
        request: summary(r),
        failedSteps: masked(
          ctx,
          r,
          (await ctx.fulfilment.steps(r.id)).filter((s) => s.status === 'failed'),
        ),
      })),
    ),
    needsRouting: await Promise.all(
      unrouted.map(async (r) => ({ request: summary(r), problem: maskText(ctx, r, latestReason(await read.requests.history(r.id))) })),
    ),
    approverLeft: orphaned.flatMap((a) => {
      const request = orphanedRequests.get(a.requestId);
      return request ? [{ request: summary(request), approvalId: a.id, stage: a.stageId, approver: a.approverId, status: a.status }] : [];
    }),
  };
}

/** A step's title and error can repeat a sensitive answer: masked as in the request's view. */
function masked(ctx: Pick<LifecycleContext, 'catalog'>, request: RequestRow, steps: StepProgress[]): StepProgress[] {
  return steps.map((s) => ({ ...s, title: maskText(ctx, request, s.title)!, error: maskText(ctx, request, s.error) }));
}

function maskText(ctx: Pick<LifecycleContext, 'catalog'>, request: RequestRow, text: string | null): string | null {
  return text === null ? null : String(maskSensitive(ctx.catalog().requestType(request.requestTypeId), request.fields, { text }).text);
}

function latestReason(history: Array<{ reason: string | null }>): string | null {
  return history.at(-1)?.reason ?? null;
}

/** Requests of people whose email or name contains `text`, newest first (the service desk's search). */
export async function requestsOfRequester(ctx: Pick<LifecycleContext, 'store' | 'catalog' | 'directory'>, text: string): Promise<RequestSummary[]> {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return [];
  const matches = (await ctx.directory.list()).filter((p) => p.email.toLowerCase().includes(wanted) || p.name.toLowerCase().includes(wanted)).slice(0, 20);
  // Someone who left the directory is still found by their exact email.
  const ids = matches.length ? matches.map((p) => p.id) : wanted.includes('@') ? [wanted] : [];
  const rows = (await Promise.all(ids.map((id) => ctx.store.read.requests.listByRequester(id, { includeClosed: true, limit: 50 })))).flat();
  const people = await KnownPeople.lookUp(ctx.directory, ids);
  return rows
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, 100)
    .map((r) => summarise(ctx, people, r));
}

function summarise(ctx: Pick<LifecycleContext, 'catalog'>, people: KnownPeople, r: RequestRow): RequestSummary {
  return {
    number: formatRequestNumber(r.number),
    title: ctx.catalog().requestType(r.requestTypeId)?.title ?? r.requestTypeId,
    requester: { email: r.requesterId, name: people.name(r.requesterId) },
    status: r.status,
    subStatus: r.subStatus,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
