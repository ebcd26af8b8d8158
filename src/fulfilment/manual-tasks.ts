import { audit } from '../audit/index.js';
import { teamsOf, type Principal } from '../auth/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { KnownPeople } from '../request-records/known-people.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { transition } from '../request-records/transition.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { describeRequest, type FulfilmentContext } from './fulfilment-context.js';
import type { Fulfilment, ManualTask } from './fulfilment.js';
import { queueWork } from './queue-work.js';

/** Tasks a team works on: listed, given a sub-status, completed with a work note, or failed with a reason. */
export class ManualTasks {
  constructor(private readonly ctx: FulfilmentContext, private readonly wake: () => void) {}

  list: Fulfilment['tasks'] = async (team, options = {}) => {
    const rows = await this.ctx.store.read.fulfilmentSteps.listManualByTeam(team, options.includeDone ? ['pending', 'done'] : ['pending']);
    const requests = new Map((await this.ctx.store.read.requests.listByIds([...new Set(rows.map((r) => r.requestId))])).map((r) => [r.id, r]));
    const people = await KnownPeople.lookUp(this.ctx.directory, [...requests.values()].map((r) => r.requesterId));
    return rows.flatMap((row) => {
      const request = requests.get(row.requestId);
      return request ? [this.taskOf(row, request, people, team)] : [];
    });
  };

  setSubStatus: Fulfilment['setSubStatus'] = async (input) => {
    const step = await this.ctx.store.transaction(async (repos) => {
      const { step, request } = await openTask(repos, input.stepId, input.actor);
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
    return this.view(step.id);
  };

  /** Marks the task done with a work note and queues the rest of the plan for the worker. */
  complete: Fulfilment['complete'] = async (input) => {
    const step = await this.ctx.store.transaction(async (repos) => {
      const { step, request } = await openTask(repos, input.stepId, input.actor);
      const at = this.ctx.now();
      const by = { actorId: input.actor.person.id, channel: input.channel };
      await repos.fulfilmentSteps.update(step.id, { status: 'done', subStatus: null, note: input.note.trim(), completedBy: by.actorId, updatedAt: at });
      await audit(repos, { ...by, action: 'fulfilment-step.done', targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status }, after: { status: 'done' }, reason: input.note.trim(), at });
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
      const { step, request } = await openTask(repos, input.stepId, input.actor);
      const at = this.ctx.now();
      const reason = input.reason.trim();
      await repos.fulfilmentSteps.update(step.id, { status: 'failed', subStatus: null, error: reason, completedBy: input.actor.person.id, updatedAt: at });
      await audit(repos, { actorId: input.actor.person.id, action: 'fulfilment-step.failed', targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status }, after: { status: 'failed' }, reason, channel: input.channel, at });
      await transition(repos, request, { to: 'failed', actorId: input.actor.person.id, reason: `${step.title} failed: ${reason}`, channel: input.channel, at });
      await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${describeRequest(this.ctx, request)} could not be completed: ${step.title} failed (${reason}). The service desk can see it and will follow up.` }], at);
      return step;
    });
    await this.ctx.outbox.flush();
    return this.view(step.id);
  };

  private async view(stepId: string): Promise<ManualTask> {
    const step = (await this.ctx.store.read.fulfilmentSteps.findById(stepId))!;
    const request = (await this.ctx.store.read.requests.findById(step.requestId))!;
    const people = await KnownPeople.lookUp(this.ctx.directory, [request.requesterId]);
    return this.taskOf(step, request, people, step.team ?? '');
  }

  private taskOf(step: FulfilmentStepRow, request: RequestRow, people: KnownPeople, team: string): ManualTask {
    return {
      id: step.id, requestNumber: formatRequestNumber(request.number),
      requestTitle: this.ctx.catalog().requestType(request.requestTypeId)?.title ?? request.requestTypeId,
      requester: people.name(request.requesterId), title: step.title, team: step.team ?? team,
      status: step.status, subStatus: step.subStatus, note: step.note,
      createdAt: new Date(step.createdAt).toISOString(), dueAt: new Date(step.dueAt ?? request.dueAt).toISOString(),
    };
  }
}

/** A pending task of the actor's team (or any, for the service desk) on a request still in fulfilment. */
async function openTask(repos: Repositories, stepId: string, actor: Principal): Promise<{ step: FulfilmentStepRow; request: RequestRow }> {
  const step = await repos.fulfilmentSteps.findById(stepId);
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
