import { KnownPeople } from '../request-records/known-people.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { subStatusWords } from '../request-records/sub-status-words.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { ManualTaskRow, TaskNoteRow } from '../store/repositories/manual-task-repository.js';
import type { FulfilmentContext } from './fulfilment-context.js';
import type { ManualTask, TaskNote } from './fulfilment.js';
import { taskRowOf } from './task-records.js';
import { slaStatusOf } from './task-sla.js';

const iso = (at: number) => new Date(at).toISOString();

/** Tasks as a team sees them, due first; a task nobody acted on yet shows the row it would get. */
export async function taskViews(ctx: FulfilmentContext, steps: FulfilmentStepRow[]): Promise<ManualTask[]> {
  const read = ctx.store.read;
  const requests = new Map((await read.requests.listByIds([...new Set(steps.map((s) => s.requestId))])).map((r) => [r.id, r]));
  const rows = new Map((await read.manualTasks.listByStepIds(steps.map((s) => s.id))).map((r) => [r.stepId, r]));
  const people = await KnownPeople.lookUp(ctx.directory, [...[...requests.values()].map((r) => r.requesterId), ...[...rows.values()].map((r) => r.assigneeId)]);
  const now = ctx.now();
  return steps.flatMap((step) => {
    const request = requests.get(step.requestId);
    if (!request) return [];
    const task = rows.get(step.id) ?? taskRowOf(ctx, step, request);
    return [viewOf(ctx, step, task, {
      requestNumber: formatRequestNumber(request.number), requestTitle: ctx.catalog().requestType(request.requestTypeId)?.title ?? request.requestTypeId,
      requester: people.name(request.requesterId), requestDueAt: request.dueAt, people, now,
    })];
  }).sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.createdAt.localeCompare(b.createdAt));
}

function viewOf(ctx: FulfilmentContext, step: FulfilmentStepRow, task: ManualTaskRow, about: { requestNumber: string; requestTitle: string; requester: string; requestDueAt: number; people: KnownPeople; now: number }): ManualTask {
  const open = step.status === 'pending';
  const assignee = task.assigneeId ? { email: task.assigneeId, name: about.people.name(task.assigneeId) } : null;
  return {
    id: step.id, requestNumber: about.requestNumber, requestTitle: about.requestTitle, requester: about.requester,
    title: step.title, team: step.team ?? task.team, status: step.status, subStatus: step.subStatus,
    subStatusText: subStatusWords({ subStatus: step.subStatus, date: task.subStatusDate, asked: task.askedOfRequester }) ?? null,
    subStatusDate: task.subStatusDate, askedOfRequester: task.askedOfRequester, note: step.note,
    createdAt: iso(step.createdAt), dueAt: iso(task.dueAt), requestDueAt: iso(about.requestDueAt),
    sla: open ? slaStatusOf(task.dueAt, about.now, ctx.teams?.team(task.team)?.dueSoonHours) : task.breachedAt ? 'breached' : 'on_track',
    breachedAt: task.breachedAt ? iso(task.breachedAt) : null, assignee, awaitingApproval: task.extraApprovalStage !== null,
  };
}

/** Notes as the board and the API show them. */
export async function noteViews(ctx: FulfilmentContext, rows: TaskNoteRow[]): Promise<TaskNote[]> {
  const people = await KnownPeople.lookUp(ctx.directory, rows.map((r) => r.authorId));
  return rows.map((r) => ({
    id: r.id, taskId: r.stepId, by: { email: r.authorId, name: people.name(r.authorId) }, at: iso(r.at), text: r.text, visibleToRequester: r.visibility === 'requester',
  }));
}
