import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { ManualTaskRow } from '../store/repositories/manual-task-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { FulfilmentContext } from './fulfilment-context.js';
import { taskDueAt } from './task-sla.js';

/**
 * A manual task's row as it would be written now: the team's clock started when the step
 * reached the team (its last change while it waited untouched), due when the catalog's step
 * says (`due: { beforeField, workingDays }`, e.g. a laptop before the start date), else
 * after the team's SLA hours for the task, or when the request is due for a team without an SLA.
 */
export function taskRowOf(ctx: Pick<FulfilmentContext, 'teams' | 'timeZone'>, step: FulfilmentStepRow, request: RequestRow): ManualTaskRow {
  const team = step.team ?? '';
  const since = step.updatedAt;
  const sla = ctx.teams?.team(team);
  const dueAt = step.dueAt ?? taskDueAt(sla, ctx.teams?.hoursFor(team, request.requestTypeId, step.stepId), since, request.dueAt, ctx.timeZone);
  return {
    stepId: step.id, requestId: request.id, team, assigneeId: null, pendingSince: since, dueAt,
    subStatusDate: null, askedOfRequester: null, extraApprovalStage: null, extraApprovalAskedBy: null, breachedAt: null,
  };
}

/** The task's stored row, written first if this is the first time anyone acts on it (in the caller's transaction). */
export async function ensureTaskRow(ctx: Pick<FulfilmentContext, 'teams' | 'timeZone'>, repos: Repositories, step: FulfilmentStepRow, request: RequestRow): Promise<ManualTaskRow> {
  return (await repos.manualTasks.find(step.id)) ?? repos.manualTasks.insertIfAbsent(taskRowOf(ctx, step, request));
}
