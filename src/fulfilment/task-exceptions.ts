import { audit } from '../audit/index.js';
import { parseIsoDate, addDays } from '../calendar/calendar.js';
import type { Person } from '../directory/person.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { formatWhen } from '../request-records/format-time.js';
import { KnownPeople, waitingOnText } from '../request-records/known-people.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { subStatusWords } from '../request-records/sub-status-words.js';
import { transition } from '../request-records/transition.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { describeRequest, type FulfilmentContext } from './fulfilment-context.js';
import type { ExtraApprover, Fulfilment } from './fulfilment.js';
import { addNoteRow, checkDate, type ManualTasks } from './manual-tasks.js';
import { openTask, refuseWhileApproving } from './task-access.js';
import { localTime } from './task-sla.js';

/** The directory group whose members own a cost centre (any one of them decides). */
export const costCentreOwners = (costCentre: string) => `owners:cost-centre:${costCentre}`;

/**
 * What a team does when a task cannot go as planned: a backorder (out of stock, parts
 * expected on a date) or an extra approval (beyond the standard build), inserted into the
 * running request as one more approval stage the approver answers like any other.
 */
export function taskExceptions(ctx: FulfilmentContext, tasks: ManualTasks): Pick<Fulfilment, 'backorder' | 'askExtraApproval' | 'extraApprovalDecided'> {
  return {
    async backorder(input) {
      const expected = checkDate(input.expectedDate, ctx, true)!;
      const note = input.note?.trim() || null;
      // Due at the end of the day the parts are expected, in the configured zone.
      const expectedEnd = localTime(addDays(parseIsoDate(expected)!, 1), '00:00', ctx.timeZone);
      const step = await ctx.store.transaction(async (repos) => {
        const { step, request, task } = await openTask(ctx, repos, input.stepId, input.actor);
        refuseWhileApproving(task);
        const at = ctx.now();
        const by = { actorId: input.actor.person.id, channel: input.channel };
        const dueAt = Math.max(request.dueAt, expectedEnd);
        await repos.fulfilmentSteps.update(step.id, { subStatus: 'awaiting_parts', note: note ?? step.note, updatedAt: at });
        await repos.manualTasks.update(step.id, { subStatusDate: expected, askedOfRequester: null, dueAt: Math.max(task.dueAt, expectedEnd) });
        await audit(repos, { ...by, action: 'fulfilment-step.backordered', targetType: 'fulfilment-step', targetId: step.id, before: { subStatus: step.subStatus }, after: { subStatus: 'awaiting_parts', expected }, reason: note, at });
        if (note) await addNoteRow(repos, { stepId: step.id, requestId: request.id, authorId: by.actorId, text: `Backordered, expected ${expected}: ${note}`, visibleToRequester: false, at });
        const words = subStatusWords({ subStatus: 'awaiting_parts', date: expected })!;
        const moved = await transition(repos, request, { to: 'in_fulfilment', subStatus: 'awaiting_parts', ...by, reason: `${step.title}: out of stock, ${words}`, at });
        if (dueAt !== request.dueAt) {
          await repos.requests.update(request.id, { dueAt });
          await audit(repos, { ...by, action: 'request.due-moved', targetType: 'request', targetId: request.id, before: { dueAt: new Date(request.dueAt).toISOString() }, after: { dueAt: new Date(dueAt).toISOString() }, reason: `Backordered: parts expected ${expected}`, at });
        }
        const due = dueAt !== request.dueAt ? ` It is now due ${formatWhen(dueAt, at, ctx.timeZone)}.` : '';
        await enqueue(repos, moved.requesterId, [{ kind: 'text', text: `${formatRequestNumber(request.number)}: ${step.title} is out of stock and ${words}.${due}${note ? ` ${note}` : ''}` }], at);
        return step;
      });
      await ctx.outbox.flush();
      return tasks.view(step.id);
    },

    async askExtraApproval(input) {
      const insertStage = ctx.insertApprovalStage;
      if (!insertStage) throw new ConflictError('Extra approvals are not available here');
      const reason = input.reason.trim();
      if (!reason) throw new ValidationError('Say why the extra approval is needed', { reason: 'Say why: the approver and the requester read it' });
      const seenStep = await ctx.store.read.fulfilmentSteps.findById(input.stepId);
      const seenRequest = seenStep ? await ctx.store.read.requests.findById(seenStep.requestId) : undefined;
      if (!seenStep || !seenRequest) throw new NotFoundError('There is no such task');
      const requester = await ctx.directory.findByEmail(seenRequest.requesterId);
      const deciders = new Set((await ctx.store.read.approvals.listByRequest(seenRequest.id)).flatMap((a) => (a.decidedBy ? [a.decidedBy] : [])));
      const approvers = await approversOf(ctx, input.approver, requester, input.actor.person, deciders);
      const people = await KnownPeople.lookUp(ctx.directory, [seenRequest.requesterId, ...approvers.map((a) => a.person.id)]);
      const step = await ctx.store.transaction(async (repos) => {
        const { step, request, task } = await openTask(ctx, repos, input.stepId, input.actor);
        refuseWhileApproving(task);
        const at = ctx.now();
        const by = { actorId: input.actor.person.id, channel: input.channel };
        const rows = await insertStage(repos, {
          request, requesterName: people.name(request.requesterId), stageId: 'extra-approval', at,
          reason: `The ${step.team} team asks, for ${step.title}: ${reason}`, approvers: approvers.map((a) => ({ personId: a.person.id, role: a.role })),
        });
        const stageIndex = rows[0]!.stageIndex;
        await repos.manualTasks.update(step.id, { extraApprovalStage: stageIndex, extraApprovalAskedBy: by.actorId });
        await repos.fulfilmentSteps.update(step.id, { subStatus: 'awaiting_approval', updatedAt: at });
        await addNoteRow(repos, { stepId: step.id, requestId: request.id, authorId: by.actorId, text: `Extra approval asked of ${waitingOnText(rows, people)}: ${reason}`, visibleToRequester: false, at });
        await audit(repos, { ...by, action: 'fulfilment-step.extra-approval-asked', targetType: 'fulfilment-step', targetId: step.id, after: { stageIndex, approvers: rows.map((r) => r.approverId) }, reason, at });
        await transition(repos, request, { to: 'in_fulfilment', subStatus: 'awaiting_approval', ...by, reason: `${step.title}: extra approval asked of ${waitingOnText(rows, people)}: ${reason}`, at });
        await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${formatRequestNumber(request.number)}: ${step.title} needs an extra approval before the ${step.team} team can go on (${reason}). Waiting for ${waitingOnText(rows, people, people.name(request.requesterId))}.` }], at);
        return step;
      });
      await ctx.outbox.flush();
      return tasks.view(step.id);
    },

    async extraApprovalDecided(repos, d) {
      const task = await repos.manualTasks.findByExtraApproval(d.request.id, d.approval.stageIndex);
      const step = task ? await repos.fulfilmentSteps.findById(task.stepId) : undefined;
      if (!task || step?.status !== 'pending') throw new ConflictError('This approval is no longer open; nothing changed');
      const by = { actorId: d.actor.id, channel: d.channel };
      const number = formatRequestNumber(d.request.number);
      await repos.manualTasks.update(step.id, { extraApprovalStage: null });
      const tellAsker = (text: string) => (task.extraApprovalAskedBy ? enqueue(repos, task.extraApprovalAskedBy, [{ kind: 'text', text }], d.at) : Promise.resolve());
      if (d.approved) {
        await repos.fulfilmentSteps.update(step.id, { subStatus: 'in_progress', updatedAt: d.at });
        await transition(repos, d.request, { to: 'in_fulfilment', subStatus: 'in_progress', ...by, reason: `Extra approval given by ${d.actor.name} for ${step.title}`, at: d.at });
        await tellAsker(`${d.actor.name} approved the extra approval for ${step.title} (${number}); the task can go on.`);
        return { told: `${describeRequest(ctx, d.request)}: ${d.actor.name} gave the extra approval; the ${step.team} team goes on with ${step.title}.`, message: `Approved ${number}. The ${step.team} team goes on with it.` };
      }
      const error = `Extra approval denied by ${d.actor.name}: ${d.comment ?? ''}`;
      await repos.fulfilmentSteps.update(step.id, { status: 'failed', subStatus: null, error, completedBy: d.actor.id, updatedAt: d.at });
      await audit(repos, { ...by, action: 'fulfilment-step.failed', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'pending' }, after: { status: 'failed' }, reason: error, at: d.at });
      await transition(repos, d.request, { to: 'failed', ...by, reason: `${step.title} failed: ${error}`, at: d.at });
      await tellAsker(`${d.actor.name} denied the extra approval for ${step.title} (${number}): ${d.comment ?? ''}. The task and the request have failed.`);
      return {
        told: `${describeRequest(ctx, d.request)} could not be completed: ${d.actor.name} denied the extra approval the ${step.team} team asked for (${d.comment ?? ''}).`,
        message: `Denied ${number}. The requester and the ${step.team} team have been told.`,
      };
    },
  };
}

/**
 * The people who decide: a named person, or the owners of the requester's cost centre; never
 * the requester nor the asker, nor someone who decided an earlier stage (the approval engine
 * lets nobody decide two stages of one request).
 */
async function approversOf(ctx: FulfilmentContext, approver: ExtraApprover, requester: Person | undefined, asker: Person, deciders: Set<string>): Promise<Array<{ person: Person; role: string }>> {
  if (approver.kind === 'person' && !approver.email.trim()) throw new ValidationError("Give the approver's email", { approver: "Give the approver's email" });
  const found = approver.kind === 'person'
    ? [await ctx.directory.findByEmail(approver.email)].flatMap((p) => (p ? [{ person: p, role: 'approver asked by the fulfilment team' }] : []))
    : requester?.costCentre
      ? (await ctx.directory.membersOf(costCentreOwners(requester.costCentre))).map((p) => ({ person: p, role: `owner of cost centre ${requester.costCentre}` }))
      : [];
  if (!found.length) {
    throw new ValidationError(approver.kind === 'person' ? `${approver.email} is not in the directory` : 'Nobody owns the requester\'s cost centre in the directory', { approver: 'Choose someone who can approve' });
  }
  const allowed = found.filter((a) => a.person.id !== requester?.id && a.person.id !== asker.id && !deciders.has(a.person.id));
  if (!allowed.length) {
    const why = found.some((a) => deciders.has(a.person.id)) ? `${found[0]!.person.name} decided an earlier approval of this request` : 'The requester or you cannot approve this yourselves';
    throw new ValidationError(`${why}; choose someone else`, { approver: 'Choose someone else' });
  }
  return allowed;
}
