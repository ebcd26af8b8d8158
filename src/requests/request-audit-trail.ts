import type { AuditEntry } from '../store/repositories/audit-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { LifecycleContext } from './lifecycle-context.js';

/** One audit record as people read it (the time as ISO 8601, `actor` for the actor's id); values were masked when it was written. */
export type AuditEntryView = Omit<AuditEntry, 'at' | 'actorId'> & { at: string; actor: string };

/** The audit trail of a request, its approvals, its fulfilment steps and the access it gave, oldest first. */
export async function requestAuditTrail(ctx: Pick<LifecycleContext, 'store' | 'fulfilment'>, request: RequestRow): Promise<AuditEntryView[]> {
  // The access it gave for a time (grants) is audited too: recorded, extended, removed.
  const [approvals, steps, grants] = await Promise.all([
    ctx.store.read.approvals.listByRequest(request.id),
    ctx.fulfilment.steps(request.id),
    ctx.store.read.accessGrants.listByRequest(request.id),
  ]);
  const related = [...approvals, ...steps, ...grants].map((r) => r.id);
  const entries = await ctx.store.read.audit.listForRequest(request.id, related);
  return entries.map((e) => ({
    at: new Date(e.at).toISOString(),
    actor: e.actorId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    before: e.before,
    after: e.after,
    reason: e.reason,
    channel: e.channel,
  }));
}
