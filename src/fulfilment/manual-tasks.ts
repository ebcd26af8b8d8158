import { audit, type AuditChannel } from '../audit/index.js';
import { teamsOf, type Principal } from '../auth/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { enqueue } from '../notify/outbox-notifier.js';
import type { RecordsContext } from '../request-records/records-context.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import type { FulfilmentSubStatus } from '../request-records/request-status-codes.js';
import { transition } from '../request-records/transition.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { StepRunner } from './step-runner.js';

export interface ManualTask {
  id: string;
  requestNumber: string;
  requestTitle: string;
  requester: string;
  title: string;
  team: string;
  status: string;
  subStatus: string | null;
  note: string | null;
  createdAt: string;
  dueAt: string;
}

/** Tasks a team works on: listed, given a sub-status, completed with a work note. */
export class ManualTasks {
  constructor(private readonly ctx: RecordsContext & { stepRunner: StepRunner }) {}

  async listByTeam(team: string, options: { includeDone?: boolean } = {}): Promise<ManualTask[]> {
    const rows = await this.ctx.store.read.fulfilmentSteps.listManualByTeam(team, options.includeDone ? ['pending', 'done'] : ['pending']);
    const requests = new Map((await this.ctx.store.read.requests.listByIds([...new Set(rows.map((r) => r.requestId))])).map((r) => [r.id, r]));
    const tasks: ManualTask[] = [];
    for (const row of rows) {
      const request = requests.get(row.requestId);
      if (!request) continue;
      const requester = await this.ctx.directory.findByEmail(request.requesterId);
      tasks.push({
        id: row.id, requestNumber: formatRequestNumber(request.number),
        requestTitle: this.ctx.catalog().requestType(request.requestTypeId)?.title ?? request.requestTypeId,
        requester: requester?.name ?? request.requesterId, title: row.title, team: row.team ?? team,
        status: row.status, subStatus: row.subStatus, note: row.note,
        createdAt: new Date(row.createdAt).toISOString(), dueAt: new Date(request.dueAt).toISOString(),
      });
    }
    return tasks;
  }

  /** "awaiting parts", "scheduled": shown on the request and told to the requester. */
  async updateSubStatus(input: { taskId: string; actor: Principal; subStatus: FulfilmentSubStatus; note?: string; channel: AuditChannel }): Promise<ManualTask> {
    const step = await this.ctx.store.transaction(async (repos) => {
      const { step, request } = await this.openTask(repos, input.taskId, input.actor);
      const at = this.ctx.now();
      const note = input.note?.trim() || null;
      await repos.fulfilmentSteps.update(step.id, { subStatus: input.subStatus, note: note ?? step.note, updatedAt: at });
      await audit(repos, { actorId: input.actor.person.id, action: 'fulfilment-step.sub-status', targetType: 'fulfilment-step', targetId: step.id, before: { subStatus: step.subStatus }, after: { subStatus: input.subStatus }, reason: note, channel: input.channel, at });
      await transition(repos, request, { to: 'in_fulfilment', subStatus: input.subStatus, actorId: input.actor.person.id, reason: note ?? `${step.title}: ${input.subStatus.replace(/_/g, ' ')}`, channel: input.channel, at });
      const words = input.subStatus.replace(/_/g, ' ');
      await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${formatRequestNumber(request.number)}: ${step.title} is now ${words}${note ? ` (${note})` : ''}.` }], at);
      return step;
    });
    await this.ctx.outbox.flush();
    return this.view(step.id, step.team ?? '');
  }

  /** Marks the task done with a work note, then lets fulfilment continue. */
  async complete(input: { taskId: string; actor: Principal; note: string; channel: AuditChannel }): Promise<ManualTask> {
    const step = await this.ctx.store.transaction(async (repos) => {
      const { step, request } = await this.openTask(repos, input.taskId, input.actor);
      const at = this.ctx.now();
      await repos.fulfilmentSteps.update(step.id, { status: 'done', subStatus: null, note: input.note.trim(), completedBy: input.actor.person.id, updatedAt: at });
      await audit(repos, { actorId: input.actor.person.id, action: 'fulfilment-step.done', targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status }, after: { status: 'done' }, reason: input.note.trim(), channel: input.channel, at });
      if (request.subStatus) await transition(repos, request, { to: 'in_fulfilment', subStatus: null, actorId: input.actor.person.id, reason: `${step.title}: done`, channel: input.channel, at });
      return step;
    });
    await this.ctx.stepRunner.runPending(step.requestId);
    return this.view(step.id, step.team ?? '');
  }

  private async openTask(repos: Repositories, taskId: string, actor: Principal) {
    const step = await repos.fulfilmentSteps.findById(taskId);
    if (!step || step.kind !== 'manual') throw new NotFoundError('There is no such task');
    if (!actor.roles.includes('agent') && !teamsOf(actor.person).includes(step.team ?? '')) {
      throw new ForbiddenError(`This task belongs to the ${step.team} team`);
    }
    const request = (await repos.requests.findById(step.requestId))!;
    if (step.status !== 'pending' || request.status !== 'in_fulfilment') {
      throw new ConflictError(`This task is ${step.status === 'pending' ? `on a request that is ${request.status.replace(/_/g, ' ')}` : step.status}; nothing changed`);
    }
    return { step, request };
  }

  private async view(taskId: string, team: string): Promise<ManualTask> {
    const step = (await this.ctx.store.read.fulfilmentSteps.findById(taskId)) as FulfilmentStepRow;
    const request = (await this.ctx.store.read.requests.findById(step.requestId))!;
    const requester = await this.ctx.directory.findByEmail(request.requesterId);
    return {
      id: step.id, requestNumber: formatRequestNumber(request.number),
      requestTitle: this.ctx.catalog().requestType(request.requestTypeId)?.title ?? request.requestTypeId,
      requester: requester?.name ?? request.requesterId, title: step.title, team: step.team ?? team,
      status: step.status, subStatus: step.subStatus, note: step.note,
      createdAt: new Date(step.createdAt).toISOString(), dueAt: new Date(request.dueAt).toISOString(),
    };
  }
}
