import { teamsOf, type Principal } from '../auth/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { ManualTaskRow } from '../store/repositories/manual-task-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { FulfilmentContext } from './fulfilment-context.js';
import { ensureTaskRow } from './task-records.js';

export interface OpenTask {
  step: FulfilmentStepRow;
  request: RequestRow;
  task: ManualTaskRow;
}

/** A manual step the actor's team owns (any, for the service desk); in any status. */
export async function teamTask(repos: Repositories, stepId: string, actor: Principal): Promise<FulfilmentStepRow> {
  const step = await repos.fulfilmentSteps.findById(stepId);
  if (!step || step.kind !== 'manual') throw new NotFoundError('There is no such task');
  if (!actor.roles.includes('agent') && !teamsOf(actor.person).includes(step.team ?? '')) {
    throw new ForbiddenError(`This task belongs to the ${step.team} team`);
  }
  return step;
}

/** A pending task of the actor's team (or any, for the service desk) on a request still in fulfilment, with its manual-work row. */
export async function openTask(ctx: Pick<FulfilmentContext, 'teams' | 'timeZone'>, repos: Repositories, stepId: string, actor: Principal): Promise<OpenTask> {
  const step = await teamTask(repos, stepId, actor);
  const request = (await repos.requests.findById(step.requestId))!;
  if (step.status !== 'pending' || request.status !== 'in_fulfilment') {
    throw new ConflictError(`This task is ${step.status === 'pending' ? `on a request that is ${request.status.replace(/_/g, ' ')}` : step.status}; nothing changed`);
  }
  return { step, request, task: await ensureTaskRow(ctx, repos, step, request) };
}

/** The task waits for an extra approval: nothing but notes and the decision moves it. */
export function refuseWhileApproving(task: ManualTaskRow): void {
  if (task.extraApprovalStage !== null) throw new ConflictError('This task waits for the extra approval the team asked for; nothing changed');
}
