import type { StatusLine } from '../messages/reply.js';
import type { Person } from '../directory/person.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { FulfilmentRequests, StepProgress } from '../fulfilment/fulfilment.js';
import { formatWhen } from '../request-records/format-time.js';
import { KnownPeople, nameOf, waitingOnText } from '../request-records/known-people.js';
import type { RecordsContext } from '../request-records/records-context.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { isFinal, statusLabel } from '../request-records/request-status-codes.js';
import { subStatusWords } from '../request-records/sub-status-words.js';

type StatusContext = Pick<RecordsContext, 'store' | 'catalog' | 'directory' | 'now' | 'timeZone'> & { fulfilment: Pick<FulfilmentRequests, 'steps'> };

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
      const steps = await ctx.fulfilment.steps(request.id);
      const current = steps.find((s) => s.status !== 'done' && s.status !== 'skipped' && s.status !== 'cancelled');
      if (!current) return { step: 'Finishing', waitingOn: 'Frontdoor' };
      if (current.kind === 'manual') return manualStep(ctx, request, current, viewer);
      if (current.kind === 'wait') return { step: current.title, waitingOn: 'its time or event' };
      if (current.kind === 'notify') return { step: current.title, waitingOn: 'Frontdoor' };
      return { step: current.title, waitingOn: `the ${current.integration} system` };
    }
    case 'failed': {
      const steps = await ctx.fulfilment.steps(request.id);
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

/** A team's task, with its sub-status in plain words, waiting on the team, the requester, or an extra approval's approvers. */
async function manualStep(ctx: StatusContext, request: RequestRow, current: StepProgress, viewer: Person): Promise<{ step: string; waitingOn: string }> {
  const task = await ctx.store.read.manualTasks.find(current.id);
  const words = subStatusWords({ subStatus: current.subStatus, date: task?.subStatusDate, asked: task?.askedOfRequester });
  const step = `${current.title} (${current.team})${words ? `: ${words}` : ''}`;
  if (current.subStatus === 'awaiting_customer') {
    return { step, waitingOn: viewer.id === request.requesterId ? 'you' : await nameOf(ctx, request.requesterId) };
  }
  if (task?.extraApprovalStage != null) {
    const stage = (await ctx.store.read.approvals.listByRequest(request.id)).filter((r) => r.stageIndex === task.extraApprovalStage && r.status === 'pending');
    if (stage.length) return { step, waitingOn: waitingOnText(stage, await KnownPeople.lookUp(ctx.directory, stage.map((r) => r.approverId))) };
  }
  return { step, waitingOn: `the ${current.team} team` };
}

async function approvalStep(ctx: StatusContext, request: RequestRow, viewer: Person): Promise<{ step: string; waitingOn: string }> {
  const rows = await ctx.store.read.approvals.listByRequest(request.id);
  const stages = [...new Set(rows.map((r) => r.stageIndex))].sort((a, b) => a - b);
  const pending = rows.filter((r) => r.status === 'pending');
  if (!pending.length) return { step: 'Approval', waitingOn: 'Frontdoor' };
  const stageIndex = pending[0]!.stageIndex;
  const step = `Approval ${stages.indexOf(stageIndex) + 1} of ${stages.length}: ${pending[0]!.stageId}`;
  const stage = pending.filter((r) => r.stageIndex === stageIndex);
  const people = await KnownPeople.lookUp(ctx.directory, [request.requesterId, ...stage.map((r) => r.approverId)]);
  const requesterName = viewer.id === request.requesterId ? undefined : people.name(request.requesterId);
  return { step, waitingOn: waitingOnText(stage, people, requesterName) };
}

/** One sentence on what happens next, for the requester right after submitting. */
export function nextStepSentence(line: StatusLine, status: string): string {
  switch (status) {
    case 'awaiting_approval': return `Waiting for ${line.waitingOn} to approve.`;
    case 'approved': return 'Fulfilment is starting; I will tell you when it is done.';
    case 'in_fulfilment': return `Next: ${line.step}, by ${line.waitingOn}.`;
    case 'fulfilled': return 'It is done.';
    case 'failed': return `It could not be completed (${line.step}); the service desk can see it and will follow up.`;
    case 'submitted': return 'The service desk will find the right approver for it.';
    default: return `Status: ${line.status}.`;
  }
}
