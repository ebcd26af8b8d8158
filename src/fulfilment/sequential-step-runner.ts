import { audit, maskValuesFrom, systemActor } from '../audit/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { DirectoryProvider } from '../directory/person.js';
import { IntegrationError } from '../errors.js';
import { enqueue } from '../notify/outbox-notifier.js';
import type { Log } from '../request-records/records-context.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { formatWhen } from '../request-records/format-time.js';
import { transition } from '../request-records/transition.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { Store } from '../store/store.js';
import type { IntegrationRegistry } from './integration.js';
import type { StepRunner } from './step-runner.js';
import { replicaClaims, whileRenewing, type ReplicaClaims } from '../replicas/replica-claims.js';

export interface SequentialStepRunnerDeps {
  store: Store;
  catalog(): Catalog;
  directory: DirectoryProvider;
  integrations: IntegrationRegistry;
  outbox: { flush(): Promise<unknown> };
  now(): number;
  log: Log;
  /** This replica's claims on the steps it runs; a step whose replica died is taken over. */
  claims?: ReplicaClaims;
  /** For due times in messages (the company's zone). */
  timeZone?: string;
}

type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: string };

/**
 * Runs steps one after another. Integration calls happen between two transactions (claim
 * and mark running, call, record), never inside one; the claim is renewed while the call
 * runs, and a step whose replica died mid-call is taken over by another replica
 * (`resumeStalled`), which calls it again with the same idempotency key. A manual step stops
 * the run until its team completes it.
 */
export class SequentialStepRunner implements StepRunner {
  private readonly claims: ReplicaClaims;

  constructor(private readonly deps: SequentialStepRunnerDeps) {
    this.claims = deps.claims ?? replicaClaims();
  }

  async runPending(requestId: string): Promise<void> {
    try {
      for (;;) {
        const started = await this.deps.store.transaction((repos) => this.advance(repos, requestId));
        if (!started) break;
        if (!(await this.callAndRecord(started.step, started.request))) break;
      }
    } catch (error) {
      this.deps.log.error({ requestId, err: error instanceof Error ? error.message : String(error) }, 'fulfilment run stopped');
    }
    await this.deps.outbox.flush();
  }

  async resumeStalled(): Promise<number> {
    const { owner, leaseMs } = this.claims;
    const stalled = await this.deps.store.transaction((repos) => repos.fulfilmentSteps.claimStalled(owner, this.deps.now(), leaseMs));
    for (const step of stalled) {
      this.deps.log.warn({ requestId: step.requestId, stepId: step.stepId }, 'taking over a fulfilment step whose replica stopped mid-call');
      const request = await this.deps.store.read.requests.findById(step.requestId);
      if (request?.status === 'in_fulfilment') await this.callAndRecord(step, request);
      // Runs on from the step if it succeeded; either way delivers what the step's outcome told people.
      await this.runPending(step.requestId);
    }
    return stalled.length;
  }

  /** Calls a step this replica holds and records the outcome; true when the run may go on. */
  private async callAndRecord(step: FulfilmentStepRow, request: RequestRow): Promise<boolean> {
    const { owner, leaseMs } = this.claims;
    const renew = () => this.deps.store.transaction((repos) => repos.fulfilmentSteps.renewClaim(step.id, owner, this.deps.now() + leaseMs));
    const outcome = await whileRenewing(this.claims, renew, () => this.call(step, request));
    const recorded = await this.deps.store.transaction((repos) => this.record(repos, step, outcome));
    return recorded === 'done';
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
    if (step.kind === 'manual') {
      await repos.fulfilmentSteps.update(step.id, { status: next, updatedAt: at });
      await this.tellTeam(repos, step, request, at);
    } else if (!(await repos.fulfilmentSteps.startRunning(step.id, step.status, { owner: this.claims.owner, until: at + this.claims.leaseMs, at, attempts: step.attempts + 1 }))) return undefined;
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

  /**
   * Stores the step's outcome; a failure fails the request and tells the requester. 'lost'
   * when the step is no longer this replica's (cancelled, or taken over after its lease ran
   * out): the other outcome counts and the run stops here.
   */
  private async record(repos: Repositories, step: FulfilmentStepRow, outcome: Outcome): Promise<'done' | 'failed' | 'lost'> {
    const at = this.deps.now();
    const request = (await repos.requests.findById(step.requestId))!;
    const requestType = this.deps.catalog().requestType(request.requestTypeId);
    const mask = (v: Record<string, unknown>) => maskValuesFrom(requestType, request.fields, v);
    if (outcome.ok) {
      if (!(await repos.fulfilmentSteps.finishRunning(step.id, this.claims.owner, { status: 'done', result: outcome.result, error: null, updatedAt: at }))) return 'lost';
      await audit(repos, { actorId: systemActor, action: 'fulfilment-step.done', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'running' }, after: { status: 'done', input: mask(step.input), result: mask(outcome.result) }, channel: 'system', at });
      return 'done';
    }
    const error = String(mask({ error: outcome.error }).error);
    if (!(await repos.fulfilmentSteps.finishRunning(step.id, this.claims.owner, { status: 'failed', error, updatedAt: at }))) return 'lost';
    await audit(repos, { actorId: systemActor, action: 'fulfilment-step.failed', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'running' }, after: { status: 'failed', input: mask(step.input) }, reason: error, channel: 'system', at });
    if (request.status === 'in_fulfilment') {
      await transition(repos, request, { to: 'failed', actorId: systemActor, reason: `${step.title} failed: ${error}`, channel: 'system', at });
      await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${this.describe(request)} could not be completed: ${step.title} failed (${error}). The service desk can see it and will follow up.` }], at);
    }
    return 'failed';
  }

  /** Everyone in the step's team hears that a task has arrived for them, and what it is. */
  private async tellTeam(repos: Repositories, step: FulfilmentStepRow, request: RequestRow, at: number): Promise<void> {
    if (!step.team) return;
    const requester = await this.deps.directory.findByEmail(request.requesterId);
    const due = formatWhen(request.dueAt, at, this.deps.timeZone ?? 'UTC');
    const text = `New task for ${step.team}: ${step.title} for ${this.describe(request)}, asked by ${requester?.name ?? request.requesterId}; due ${due}. `
      + 'Your team\'s tasks are listed at /api/v1/tasks, where you update and complete them.';
    for (const member of await this.deps.directory.membersOf(`team:${step.team}`)) await enqueue(repos, member.id, [{ kind: 'text', text }], at);
  }

  private describe(request: RequestRow): string {
    const title = this.deps.catalog().requestType(request.requestTypeId)?.title ?? request.requestTypeId;
    return `${formatRequestNumber(request.number)} (${title})`;
  }
}
