import type { StatusLine } from '../messages/reply.js';
import type { Person } from '../directory/person.js';
import type { ApprovalRow } from '../store/repositories/approval-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { formatWhen } from './format-time.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { formatRequestNumber } from './request-number.js';
import { isFinal, statusLabel } from './request-status-codes.js';

type StatusContext = Pick<LifecycleContext, 'store' | 'catalog' | 'directory' | 'now' | 'timeZone'>;

/** Where a request is, what step it is on, who or what it waits on, and whether it is late. */
export async function statusLineFor(ctx: StatusContext, request: RequestRow, viewer: Person): Promise<StatusLine> {
  const now = ctx.now();
  const title = ctx.catalog().requestType(request.requestTypeId)?.title ?? request.requestTypeId;
  const { step, waitingOn } = await currentStep(ctx, request, viewer);
  const open = !isFinal(request.status);
  return {
    number: formatRequestNumber(request.number),
    title,
    status: statusLabel(request.status, request.subStatus),
    step,
    waitingOn,
    ...(open ? { due: formatWhen(request.dueAt, now, ctx.timeZone) } : {}),
    overdue: open && now > request.dueAt,
  };
}

async function currentStep(ctx: StatusContext, request: RequestRow, viewer: Person): Promise<{ step: string; waitingOn: string }> {
  switch (request.status) {
    case 'submitted':
      return request.subStatus === 'needs_routing'
        ? { step: 'Finding an approver', waitingOn: 'the service desk' }
        : { step: 'Submitted', waitingOn: 'Frontdoor' };
    case 'awaiting_approval':
      return approvalStep(ctx, request, viewer);
    case 'approved':
      return { step: 'Starting fulfilment', waitingOn: 'Frontdoor' };
    case 'in_fulfilment': {
      const steps = await ctx.store.read.fulfilmentSteps.listByRequest(request.id);
      const current = steps.find((s) => s.status !== 'done' && s.status !== 'cancelled');
      if (!current) return { step: 'Finishing', waitingOn: 'Frontdoor' };
      if (current.kind === 'manual') return { step: `${current.title} (${current.team})`, waitingOn: `the ${current.team} team` };
      return { step: current.title, waitingOn: `the ${current.integration} system` };
    }
    case 'failed': {
      const steps = await ctx.store.read.fulfilmentSteps.listByRequest(request.id);
      const failed = steps.find((s) => s.status === 'failed');
      return { step: failed ? `Failed at ${failed.title}` : 'Failed', waitingOn: 'the service desk' };
    }
    case 'rejected': {
      const denied = (await ctx.store.read.approvals.listByRequest(request.id)).find((a) => a.status === 'denied');
      const by = denied?.decidedBy ? await nameOf(ctx, denied.decidedBy) : undefined;
      return { step: by ? `Denied by ${by}` : 'Denied', waitingOn: 'nobody' };
    }
    default:
      return { step: statusLabel(request.status), waitingOn: 'nobody' };
  }
}

async function approvalStep(ctx: StatusContext, request: RequestRow, viewer: Person): Promise<{ step: string; waitingOn: string }> {
  const rows = await ctx.store.read.approvals.listByRequest(request.id);
  const stages = [...new Set(rows.map((r) => r.stageIndex))].sort((a, b) => a - b);
  const pending = rows.filter((r) => r.status === 'pending');
  if (!pending.length) return { step: 'Approval', waitingOn: 'Frontdoor' };
  const stageIndex = pending[0]!.stageIndex;
  const step = `Approval ${stages.indexOf(stageIndex) + 1} of ${stages.length}: ${pending[0]!.stageId}`;
  const requesterName = viewer.id === request.requesterId ? undefined : await nameOf(ctx, request.requesterId);
  return { step, waitingOn: await waitingOnText(ctx, pending.filter((r) => r.stageIndex === stageIndex), requesterName) };
}

/** "Dana Lee (your manager)", or "any one of the security group (Ann Bell, Bo Chan)". */
export async function waitingOnText(ctx: Pick<StatusContext, 'directory'>, pending: ApprovalRow[], requesterName?: string): Promise<string> {
  const relation = (role: string | null) => {
    const r = role ?? 'approver';
    return requesterName ? r.replace(/^your /, `${requesterName}'s `).replace(/\(you /, '(the requester ') : r;
  };
  const names = await Promise.all(pending.map((p) => nameOf(ctx, p.approverId)));
  if (pending.length === 1) return `${names[0]} (${relation(pending[0]!.approverRole)})`;
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  return `any one of ${relation(pending[0]!.approverRole)} (${shown})`;
}

export async function nameOf(ctx: Pick<StatusContext, 'directory'>, personId: string): Promise<string> {
  if (personId === 'system') return 'Frontdoor';
  return (await ctx.directory.findByEmail(personId))?.name ?? personId;
}

/** One sentence on what happens next, for the requester right after submitting. */
export function nextStepSentence(line: StatusLine, status: string): string {
  switch (status) {
    case 'awaiting_approval': return `Waiting for ${line.waitingOn} to approve.`;
    case 'in_fulfilment': return `Next: ${line.step}, by ${line.waitingOn}.`;
    case 'fulfilled': return 'It is done.';
    case 'failed': return `It could not be completed (${line.step}); the service desk can see it and will follow up.`;
    case 'submitted': return 'The service desk will find the right approver for it.';
    default: return `Status: ${line.status}.`;
  }
}
