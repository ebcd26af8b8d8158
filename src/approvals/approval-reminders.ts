import { enqueue } from '../notify/outbox-notifier.js';
import { formatWhen } from '../requests/format-time.js';
import type { LifecycleContext } from '../requests/lifecycle-context.js';
import { formatRequestNumber } from '../requests/request-number.js';
import { approvalCard } from './approval-card.js';

/**
 * Approvers who have not answered for `afterMs` get the card again with a reminder of how
 * long the request has waited on them; then again after the same time, until they decide.
 * Run by a job scheduled once across replicas. Returns how many were reminded.
 */
export async function remindApprovers(ctx: LifecycleContext, afterMs: number): Promise<number> {
  const at = ctx.now();
  const catalog = ctx.catalog();
  const reminded = await ctx.store.transaction(async (repos) => {
    const due = await repos.approvals.listUnansweredSince(at - afterMs);
    for (const approval of due) {
      const request = await repos.requests.findById(approval.requestId);
      if (!request) continue;
      const requester = await ctx.directory.findByEmail(request.requesterId);
      const title = catalog.requestType(request.requestTypeId)?.title ?? request.requestTypeId;
      const since = formatWhen(approval.askedAt ?? approval.createdAt, at, ctx.timeZone);
      await enqueue(repos, approval.approverId, [
        { kind: 'text', text: `Reminder: ${formatRequestNumber(request.number)} (${title}) from ${requester?.name ?? request.requesterId} has waited for your decision since ${since}.` },
        approvalCard(catalog, request, requester?.name ?? request.requesterId, approval),
      ], at);
    }
    await repos.approvals.markAsked(due.map((a) => a.id), at);
    return due.length;
  });
  if (reminded) await ctx.outbox.flush();
  return reminded;
}
