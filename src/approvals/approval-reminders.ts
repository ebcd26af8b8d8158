import { enqueue } from '../notify/outbox-notifier.js';
import { formatWhen } from '../request-records/format-time.js';
import { KnownPeople } from '../request-records/known-people.js';
import type { RecordsContext } from '../request-records/records-context.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { approvalCard } from './approval-card.js';

/**
 * Approvers who have not answered for `afterMs` get the card again with a reminder of how
 * long the request has waited on them; then again after the same time, until they decide.
 * Run by a job scheduled once across replicas. Returns how many were reminded.
 */
export async function remindApprovers(ctx: RecordsContext, afterMs: number): Promise<number> {
  const at = ctx.now();
  const catalog = ctx.catalog();
  // Requesters are looked up first; an approval that falls due meanwhile is reminded next time.
  const seen = await ctx.store.read.approvals.listUnansweredSince(at - afterMs);
  if (!seen.length) return 0;
  const requests = await ctx.store.read.requests.listByIds([...new Set(seen.map((a) => a.requestId))]);
  const people = await KnownPeople.lookUp(ctx.directory, requests.map((r) => r.requesterId));
  const seenIds = new Set(seen.map((a) => a.id));
  const reminded = await ctx.store.transaction(async (repos) => {
    const due = (await repos.approvals.listUnansweredSince(at - afterMs)).filter((a) => seenIds.has(a.id));
    for (const approval of due) {
      const request = await repos.requests.findById(approval.requestId);
      if (!request) continue;
      const requester = people.name(request.requesterId);
      const title = catalog.requestType(request.requestTypeId)?.title ?? request.requestTypeId;
      const since = formatWhen(approval.askedAt ?? approval.createdAt, at, ctx.timeZone);
      await enqueue(repos, approval.approverId, [
        { kind: 'text', text: `Reminder: ${formatRequestNumber(request.number)} (${title}) from ${requester} has waited for your decision since ${since}.` },
        approvalCard(catalog, request, requester, approval),
      ], at);
    }
    await repos.approvals.markAsked(due.map((a) => a.id), at);
    return due.length;
  });
  if (reminded) await ctx.outbox.flush();
  return reminded;
}
