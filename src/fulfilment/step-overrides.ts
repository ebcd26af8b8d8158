import { audit } from '../audit/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { transition } from '../request-records/transition.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentContext } from './fulfilment-context.js';
import type { Fulfilment, StepAction, StepProgress } from './fulfilment.js';
import { queueWork } from './queue-work.js';
import { recordAccessGrant } from './access-grants.js';
import { catalogOfRequest } from '../request-records/request-type-snapshots.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { progressOf } from './step-progress.js';
import { startCompensation } from './compensation.js';

/**
 * The service desk's hand on a plan: run a failed step again, record a step as done by hand,
 * or skip it. Each puts a failed request back in fulfilment and queues the rest of the plan.
 * Or give the plan up: what was done is undone (compensation.ts).
 */
export class StepOverrides {
  constructor(private readonly ctx: FulfilmentContext, private readonly wake: () => void) {}

  retry: Fulfilment['retry'] = (input) => this.change(input, ['failed'], async (repos, step, at) => {
    // A fresh set of attempts: the policy counts the calls since the service desk looked.
    await repos.fulfilmentSteps.update(step.id, { status: 'waiting', error: null, attempts: 0, updatedAt: at });
    return { action: 'fulfilment-step.retried', to: 'waiting', reason: input.reason.trim() };
  });

  override: Fulfilment['override'] = (input) => this.change(input, ['failed', 'waiting', 'pending'], async (repos, step, at, request) => {
    await repos.fulfilmentSteps.update(step.id, { status: 'done', subStatus: null, error: null, note: input.note.trim(), completedBy: input.actor.person.id, updatedAt: at });
    // Access given by hand for a time still ends when the catalog says.
    await recordAccessGrant(repos, await catalogOfRequest(repos, this.ctx.catalog(), request), request, step, at);
    return { action: 'fulfilment-step.overridden', to: 'done', reason: input.note.trim() };
  });

  skip: Fulfilment['skip'] = (input) => this.change(input, ['failed', 'waiting', 'pending'], async (repos, step, at) => {
    await repos.fulfilmentSteps.update(step.id, { status: 'skipped', subStatus: null, note: input.reason.trim(), completedBy: input.actor.person.id, updatedAt: at });
    return { action: 'fulfilment-step.skipped', to: 'skipped', reason: input.reason.trim() };
  });

  abandon: Fulfilment['abandon'] = async (input) => {
    if (!input.actor.roles.includes('agent')) throw new ForbiddenError('Only the service desk can give up a plan');
    const requestId = await this.ctx.store.transaction(async (repos) => {
      const step = await repos.fulfilmentSteps.findById(input.stepId);
      if (!step) throw new NotFoundError('There is no such fulfilment step');
      const request = (await repos.requests.findById(step.requestId))!;
      if (step.status !== 'failed' || !['in_fulfilment', 'failed'].includes(request.status)) {
        throw new ConflictError(`This step is ${step.status} on a request that is ${request.status.replace(/_/g, ' ')}; only a failed step's plan is given up`);
      }
      const by = { actorId: input.actor.person.id, channel: input.channel };
      const reason = `${step.title} failed and the service desk gave the request up: ${input.reason.trim()}`;
      if (!(await startCompensation(this.ctx, repos, request, { ...by, reason, at: this.ctx.now() }))) throw new ConflictError('This request is already being undone');
      return request.id;
    });
    this.wake();
    await this.ctx.outbox.flush().catch(() => undefined);
    return (await this.ctx.store.read.fulfilmentSteps.listByRequest(requestId)).map(progressOf);
  };

  private async change(
    input: StepAction,
    from: string[],
    apply: (repos: Repositories, step: FulfilmentStepRow, at: number, request: RequestRow) => Promise<{ action: string; to: string; reason: string }>,
  ): Promise<StepProgress> {
    if (!input.actor.roles.includes('agent')) throw new ForbiddenError('Only the service desk can retry or override a fulfilment step');
    const stepId = await this.ctx.store.transaction(async (repos) => {
      const step = await repos.fulfilmentSteps.findById(input.stepId);
      if (!step) throw new NotFoundError('There is no such fulfilment step');
      const request = (await repos.requests.findById(step.requestId))!;
      const undoing = (await repos.fulfilmentSteps.listByRequest(request.id)).some((s) => s.compensates !== null);
      if (undoing && !step.compensates) throw new ConflictError('This request was given up and its steps are being undone; nothing changed');
      if (!from.includes(step.status) || !['in_fulfilment', 'failed'].includes(request.status)) {
        throw new ConflictError(`This step is ${step.status} on a request that is ${request.status.replace(/_/g, ' ')}; nothing changed`);
      }
      const at = this.ctx.now();
      const by = { actorId: input.actor.person.id, channel: input.channel };
      const done = await apply(repos, step, at, request);
      await audit(repos, { ...by, action: done.action, targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status }, after: { status: done.to }, reason: done.reason, at });
      if (request.status === 'failed' && !step.compensates) await transition(repos, request, { to: 'in_fulfilment', subStatus: null, ...by, reason: `${step.title}: ${done.reason}`, at });
      await queueWork(repos, { requestId: request.id, kind: 'resume', by, at });
      return step.id;
    });
    this.wake();
    return progressOf((await this.ctx.store.read.fulfilmentSteps.findById(stepId))!);
  }
}
