import { randomUUID } from 'node:crypto';
import { audit } from '../audit/index.js';
import { teamsOf } from '../auth/index.js';
import { isoToday, parseIsoDate } from '../calendar/calendar.js';
import { ValidationError } from '../shared/errors.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { subStatusWords } from '../request-records/sub-status-words.js';
import { transition } from '../request-records/transition.js';
import type { Repositories } from '../store/repositories.js';
import { describeRequest, type FulfilmentContext } from './fulfilment-context.js';
import type { Fulfilment, ManualTask } from './fulfilment.js';
import { queueWork } from './queue-work.js';
import { openTask, refuseWhileApproving } from './task-access.js';
import { taskViews } from './task-view.js';

/**
 * Tasks a team works on: listed due first with their SLA status, taken, given a sub-status
 * the requester is told about, completed with a work note, or failed with a reason.
 */
export class ManualTasks {
  constructor(private readonly ctx: FulfilmentContext, private readonly wake: () => void) {}

  list: Fulfilment['tasks'] = async (team, options = {}) => {
    const rows = await this.ctx.store.read.fulfilmentSteps.listManualByTeam(team, options.includeDone ? ['pending', 'done'] : ['pending']);
    return taskViews(this.ctx, rows);
  };

  assignedTo: Fulfilment['assignedTo'] = async (personId) => {
    const ids = await this.ctx.store.read.manualTasks.stepIdsAssignedTo(personId);
    const steps = await Promise.all(ids.map((id) => this.ctx.store.read.fulfilmentSteps.findById(id)));
    return taskViews(this.ctx, steps.filter((s) => s?.status === 'pending').map((s) => s!));
  };

  setSubStatus: Fulfilment['setSubStatus'] = async (input) => {
    const note = input.note?.trim() || null;
    const date = input.subStatus === 'scheduled' || input.subStatus === 'awaiting_parts' ? checkDate(input.date, this.ctx, false) : null;
    if (input.subStatus === 'awaiting_customer' && !note) throw new ValidationError('Say what the requester must do', { note: 'Say what the requester must do: they are told it' });
    const asked = input.subStatus === 'awaiting_customer' ? note : null;
    const step = await this.ctx.store.transaction(async (repos) => {
      const { step, request, task } = await openTask(this.ctx, repos, input.stepId, input.actor);
      refuseWhileApproving(task);
      const at = this.ctx.now();
      const words = subStatusWords({ subStatus: input.subStatus, date, asked })!;
      await repos.fulfilmentSteps.update(step.id, { subStatus: input.subStatus, note: note ?? step.note, updatedAt: at });
      await repos.manualTasks.update(step.id, { subStatusDate: date, askedOfRequester: asked });
      await audit(repos, { actorId: input.actor.person.id, action: 'fulfilment-step.sub-status', targetType: 'fulfilment-step', targetId: step.id, before: { subStatus: step.subStatus, date: task.subStatusDate }, after: { subStatus: input.subStatus, date }, reason: note, channel: input.channel, at });
      await transition(repos, request, { to: 'in_fulfilment', subStatus: input.subStatus, actorId: input.actor.person.id, reason: `${step.title}: ${words}`, channel: input.channel, at });
      const extra = note && !asked ? ` (${note})` : '';
      const reply = asked ? ' When it is done, answer here or tell the service desk.' : '';
      await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${formatRequestNumber(request.number)}: ${step.title} is now ${words}${extra}.${reply}` }], at);
      return step;
    });
    await this.ctx.outbox.flush();
    return this.view(step.id);
  };

  assign: Fulfilment['assign'] = async (input) => {
    const assigneeId = input.assigneeId ?? input.actor.person.id;
    const assignee = assigneeId === input.actor.person.id ? input.actor.person : await this.ctx.directory.findByEmail(assigneeId);
    const step = await this.ctx.store.transaction(async (repos) => {
      const { step, task } = await openTask(this.ctx, repos, input.stepId, input.actor);
      if (!assignee || !teamsOf(assignee).includes(step.team ?? '')) throw new ValidationError(`${assigneeId} is not in the ${step.team} team`, { assignee: `Choose someone in the ${step.team} team` });
      const at = this.ctx.now();
      await repos.manualTasks.update(step.id, { assigneeId: assignee.id });
      await audit(repos, { actorId: input.actor.person.id, action: 'fulfilment-step.assigned-to', targetType: 'fulfilment-step', targetId: step.id, before: { assignee: task.assigneeId }, after: { assignee: assignee.id }, channel: input.channel, at });
      if (assignee.id !== input.actor.person.id) {
        await enqueue(repos, assignee.id, [{ kind: 'text', text: `${input.actor.person.name} gave you a task: ${step.title}.` }], at);
      }
      return step;
    });
    await this.ctx.outbox.flush();
    return this.view(step.id);
  };

  /** Marks the task done with a work note (kept with the task's notes) and queues the rest of the plan for the worker. */
  complete: Fulfilment['complete'] = async (input) => {
    if (!input.note.trim()) throw new ValidationError('A work note is required', { note: 'Say what was done' });
    const step = await this.ctx.store.transaction(async (repos) => {
      const { step, request, task } = await openTask(this.ctx, repos, input.stepId, input.actor);
      refuseWhileApproving(task);
      const at = this.ctx.now();
      const by = { actorId: input.actor.person.id, channel: input.channel };
      const note = input.note.trim();
      await repos.fulfilmentSteps.update(step.id, { status: 'done', subStatus: null, note, completedBy: by.actorId, updatedAt: at });
      await addNoteRow(repos, { stepId: step.id, requestId: request.id, authorId: by.actorId, text: note, visibleToRequester: false, at });
      await audit(repos, { ...by, action: 'fulfilment-step.done', targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status }, after: { status: 'done' }, reason: note, at });
      if (request.subStatus) await transition(repos, request, { to: 'in_fulfilment', subStatus: null, ...by, reason: `${step.title}: done`, at });
      await queueWork(repos, { requestId: request.id, kind: 'resume', by, at });
      return step;
    });
    this.wake();
    return this.view(step.id);
  };

  /** The team cannot do it (the item is discontinued, the joiner withdrew): the request fails with the reason. */
  fail: Fulfilment['fail'] = async (input) => {
    const step = await this.ctx.store.transaction(async (repos) => {
      const { step, request, task } = await openTask(this.ctx, repos, input.stepId, input.actor);
      const at = this.ctx.now();
      const reason = input.reason.trim();
      if (task.extraApprovalStage !== null) {
        // The extra approval the team asked for is no longer needed: its cards close.
        const open = (await repos.approvals.listByRequest(request.id)).filter((a) => a.stageIndex === task.extraApprovalStage && a.status === 'pending');
        await repos.approvals.setStatus(open.map((a) => a.id), 'cancelled', { decidedAt: at });
        await repos.manualTasks.update(step.id, { extraApprovalStage: null });
      }
      await repos.fulfilmentSteps.update(step.id, { status: 'failed', subStatus: null, error: reason, completedBy: input.actor.person.id, updatedAt: at });
      await audit(repos, { actorId: input.actor.person.id, action: 'fulfilment-step.failed', targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status }, after: { status: 'failed' }, reason, channel: input.channel, at });
      await transition(repos, request, { to: 'failed', actorId: input.actor.person.id, reason: `${step.title} failed: ${reason}`, channel: input.channel, at });
      await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${describeRequest(this.ctx, request)} could not be completed: ${step.title} failed (${reason}). The service desk can see it and will follow up.` }], at);
      return step;
    });
    await this.ctx.outbox.flush();
    return this.view(step.id);
  };

  async view(stepId: string): Promise<ManualTask> {
    const step = (await this.ctx.store.read.fulfilmentSteps.findById(stepId))!;
    return (await taskViews(this.ctx, [step]))[0]!;
  }
}

/** Stores one work note in the caller's transaction. */
export async function addNoteRow(repos: Repositories, note: { stepId: string; requestId: string; authorId: string; text: string; visibleToRequester: boolean; at: number }): Promise<string> {
  const id = randomUUID();
  await repos.manualTasks.addNote({ id, stepId: note.stepId, requestId: note.requestId, authorId: note.authorId, visibility: note.visibleToRequester ? 'requester' : 'internal', text: note.text, at: note.at });
  return id;
}

/** A YYYY-MM-DD day not before today (in the configured zone); required for `scheduled`. */
export function checkDate(date: string | undefined, ctx: Pick<FulfilmentContext, 'now' | 'timeZone'>, required: boolean): string | null {
  if (!date) {
    if (required) throw new ValidationError('Give the date it is scheduled for', { date: 'Give the date (YYYY-MM-DD)' });
    return null;
  }
  if (!parseIsoDate(date)) throw new ValidationError(`${date} is not a date`, { date: 'Give the date as YYYY-MM-DD' });
  if (date < isoToday(ctx.now(), ctx.timeZone)) throw new ValidationError(`${date} is in the past`, { date: 'Give today or a later date' });
  return date;
}
