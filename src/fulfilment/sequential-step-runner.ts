import { audit, maskValuesFrom, systemActor } from '../audit/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { DirectoryProvider } from '../directory/person.js';
import { IntegrationError } from '../errors.js';
import { enqueue } from '../notify/outbox-notifier.js';
import type { Log } from '../requests/lifecycle-context.js';
import { formatRequestNumber } from '../requests/request-number.js';
import { transition } from '../requests/transition.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { Store } from '../store/store.js';
import type { IntegrationRegistry } from './integration.js';
import type { StepRunner } from './step-runner.js';

export interface SequentialStepRunnerDeps {
  store: Store;
  catalog(): Catalog;
  directory: DirectoryProvider;
  integrations: IntegrationRegistry;
  outbox: { flush(): Promise<unknown> };
  now(): number;
  log: Log;
}

type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: string };

/**
 * Runs steps one after another, in this process. Integration calls happen between two
 * transactions (mark running, call, record), never inside one. A manual step stops the run
 * until its team completes it.
 */
export class SequentialStepRunner implements StepRunner {
  constructor(private readonly deps: SequentialStepRunnerDeps) {}

  async runPending(requestId: string): Promise<void> {
    try {
      for (;;) {
        const started = await this.deps.store.transaction((repos) => this.advance(repos, requestId));
        if (!started) break;
        const outcome = await this.call(started.step, started.request);
        const failed = await this.deps.store.transaction((repos) => this.record(repos, started.step, outcome));
        if (failed) break;
      }
    } catch (error) {
      this.deps.log.error({ requestId, err: error instanceof Error ? error.message : String(error) }, 'fulfilment run stopped');
    }
    await this.deps.outbox.flush();
  }

  /** Moves the request forward as far as the store alone can; returns an integration step to call. */
  private async advance(repos: Repositories, requestId: string): Promise<{ step: FulfilmentStepRow; request: RequestRow } | undefined> {
    const at = this.deps.now();
    const request = await repos.requests.findById(requestId);
    if (!request || request.status !== 'in_fulfilment') return undefined;
    const steps = await repos.fulfilmentSteps.listByRequest(requestId);
    const step = steps.find((s) => s.status !== 'done' && s.status !== 'cancelled');
    if (!step) {
      await transition(repos, request, { to: 'fulfilled', actorId: systemActor, reason: 'Every fulfilment step is done', channel: 'system', at });
      await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${this.describe(request)} is fulfilled.` }], at);
      return undefined;
    }
    if (step.status !== 'waiting' && step.status !== 'pending') return undefined;
    const next = step.kind === 'manual' ? 'pending' : 'running';
    if (step.kind === 'manual' && step.status === 'pending') return undefined;
    await repos.fulfilmentSteps.update(step.id, { status: next, updatedAt: at, attempts: step.kind === 'manual' ? step.attempts : step.attempts + 1 });
    await audit(repos, {
      actorId: systemActor, action: step.kind === 'manual' ? 'fulfilment-step.assigned' : 'fulfilment-step.started',
      targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status },
      after: { status: next, ...(step.team ? { team: step.team } : { integration: step.integration, operation: step.operation }) },
      channel: 'system', at,
    });
    return step.kind === 'manual' ? undefined : { step, request };
  }

  private async call(step: FulfilmentStepRow, request: RequestRow): Promise<Outcome> {
    const integration = this.deps.integrations.get(step.integration ?? '');
    const operation = integration?.operations[step.operation ?? ''];
    if (!operation) return { ok: false, error: `${step.integration ?? 'the integration'} is not configured for ${step.operation ?? 'this operation'}` };
    const requester = await this.deps.directory.findByEmail(request.requesterId);
    if (!requester) return { ok: false, error: 'The requester is no longer in the directory' };
    try {
      const result = await operation(step.input, { requestNumber: formatRequestNumber(request.number), requester, idempotencyKey: `${request.id}:${step.stepId}` });
      return { ok: true, result };
    } catch (error) {
      if (error instanceof IntegrationError) return { ok: false, error: error.userMessage };
      this.deps.log.error({ requestId: request.id, stepId: step.stepId, err: error instanceof Error ? error.message : String(error) }, 'integration step threw');
      return { ok: false, error: `${step.integration} failed unexpectedly` };
    }
  }

  /** Stores the step's outcome; a failure fails the request and tells the requester. Returns true on failure. */
  private async record(repos: Repositories, step: FulfilmentStepRow, outcome: Outcome): Promise<boolean> {
    const at = this.deps.now();
    const request = (await repos.requests.findById(step.requestId))!;
    const requestType = this.deps.catalog().requestType(request.requestTypeId);
    const mask = (v: Record<string, unknown>) => maskValuesFrom(requestType, request.fields, v);
    if (outcome.ok) {
      await repos.fulfilmentSteps.update(step.id, { status: 'done', result: outcome.result, error: null, updatedAt: at });
      await audit(repos, { actorId: systemActor, action: 'fulfilment-step.done', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'running' }, after: { status: 'done', input: mask(step.input), result: mask(outcome.result) }, channel: 'system', at });
      return false;
    }
    const error = String(mask({ error: outcome.error }).error);
    await repos.fulfilmentSteps.update(step.id, { status: 'failed', error, updatedAt: at });
    await audit(repos, { actorId: systemActor, action: 'fulfilment-step.failed', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'running' }, after: { status: 'failed', input: mask(step.input) }, reason: error, channel: 'system', at });
    if (request.status === 'in_fulfilment') {
      await transition(repos, request, { to: 'failed', actorId: systemActor, reason: `${step.title} failed: ${error}`, channel: 'system', at });
      await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${this.describe(request)} could not be completed: ${step.title} failed (${error}). The service desk can see it and will follow up.` }], at);
    }
    return true;
  }

  private describe(request: RequestRow): string {
    const title = this.deps.catalog().requestType(request.requestTypeId)?.title ?? request.requestTypeId;
    return `${formatRequestNumber(request.number)} (${title})`;
  }
}
