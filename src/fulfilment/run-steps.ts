import { audit, maskSensitive, systemActor } from '../audit/index.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { KnownPeople } from '../request-records/known-people.js';
import { transition } from '../request-records/transition.js';
import { catalogOfRequest } from '../request-records/request-type-snapshots.js';
import { whileRenewing } from '../replicas/replica-claims.js';
import type { Person } from '../directory/person.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { recordAccessGrant } from './access-grants.js';
import { mayRetry, retryDelayMs } from './failure-policy.js';
import { callIntegration, type Outcome } from './call-integration.js';
import { compensationAfterLateStep, startCompensation, tellUndone } from './compensation.js';
import { describeRequest, type FulfilmentContext } from './fulfilment-context.js';
import { advance, type RunPeople } from './ready-steps.js';

/**
 * Where a run stopped: waiting on people or an event, done, or failed (nothing to do until
 * something changes); or something falls due at `at` (a retry's backoff, a wait's end), when
 * the run's queue row is run again.
 */
export type RunEnd = { kind: 'stopped' } | { kind: 'later'; at: number };

/**
 * Runs a request's plan as far as it can go now. Every step whose `after` steps are done is
 * started (ready-steps.ts); integration steps that do not depend on each other are called at
 * the same time, each between two transactions (claim and mark running, call, record) with
 * its own claim renewed while the call runs. A step whose replica died mid-call is taken over
 * and called again with the same idempotency key. As each call ends the plan is looked at
 * again, so a step waits only for its own dependencies.
 */
export async function runSteps(ctx: FulfilmentContext, requestId: string): Promise<RunEnd> {
  const people = await peopleOfRun(ctx, requestId);
  const inFlight = new Set<Promise<void>>();
  // Steps this run called and must call again after their backoff: the run's queue row comes back then.
  const backoff = new Map<string, number>();
  const calling = new Set<string>();
  try {
    let recorded = 0;
    for (;;) {
      const seen = recorded;
      const { claimed, nextAt } = await ctx.store.transaction((repos) => advance(ctx, repos, requestId, people, { backoff, calling }));
      for (const { step, request } of claimed) {
        calling.add(step.id);
        const call: Promise<void> = callAndRecord(ctx, step, request, people.requester, backoff).finally(() => {
          inFlight.delete(call);
          calling.delete(step.id);
          recorded += 1;
        });
        inFlight.add(call);
      }
      // A call that ended while the plan was being looked at may have been its last step: look again.
      if (!inFlight.size && recorded !== seen) continue;
      if (!inFlight.size) return nextAt === undefined ? { kind: 'stopped' } : { kind: 'later', at: nextAt };
      await Promise.race(inFlight);
    }
  } finally {
    // A run that throws still lets the calls it started record their outcome.
    await Promise.allSettled(inFlight);
  }
}

async function callAndRecord(ctx: FulfilmentContext, step: FulfilmentStepRow, request: RequestRow, requester: Person | undefined, backoff: Map<string, number>): Promise<void> {
  const { owner, leaseMs } = ctx.claims;
  const renew = () => ctx.store.transaction((repos) => repos.fulfilmentSteps.renewClaim(step.id, owner, ctx.now() + leaseMs));
  const outcome = await whileRenewing(ctx.claims, renew, () => callIntegration(ctx, step, request, requester));
  await ctx.store.transaction((repos) => record(ctx, repos, step, outcome, backoff));
}

async function peopleOfRun(ctx: FulfilmentContext, requestId: string): Promise<RunPeople> {
  const request = await ctx.store.read.requests.findById(requestId);
  const steps = await ctx.store.read.fulfilmentSteps.listByRequest(requestId);
  const teams = new Map<string, Person[]>();
  for (const team of new Set(steps.flatMap((s) => ((s.kind === 'manual' || s.kind === 'notify') && s.team ? [s.team] : [])))) teams.set(team, await ctx.directory.membersOf(`team:${team}`));
  const known = await KnownPeople.lookUp(ctx.directory, [request?.requesterId]);
  return { requester: request ? known.person(request.requesterId) : undefined, known, teams };
}

/**
 * Stores a call's outcome, if this replica still holds the step (else the runner that took it
 * over records its own). A failure the policy retries puts the step back to wait out its
 * backoff (the run comes back for it then); any other failure fails the step and the request and tells the
 * requester, and a step declared `onFailure: compensate` starts undoing the plan.
 */
async function record(ctx: FulfilmentContext, repos: Repositories, step: FulfilmentStepRow, outcome: Outcome, backoff: Map<string, number>): Promise<void> {
  const at = ctx.now();
  const owner = ctx.claims.owner;
  const request = (await repos.requests.findById(step.requestId))!;
  const catalog = await catalogOfRequest(repos, ctx.catalog(), request);
  const requestType = catalog.requestType(request.requestTypeId);
  const mask = (v: Record<string, unknown>) => maskSensitive(requestType, request.fields, v);
  if (outcome.ok) {
    if (!(await repos.fulfilmentSteps.finishRunning(step.id, owner, { status: 'done', result: outcome.result, error: null, updatedAt: at }))) return;
    await audit(repos, { actorId: systemActor, action: 'fulfilment-step.done', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'running' }, after: { status: 'done', input: mask(step.input), result: mask(outcome.result) }, channel: 'system', at });
    if (step.compensates) await tellUndone(ctx, repos, request, at);
    else {
      await recordAccessGrant(repos, catalog, request, step, at);
      await compensationAfterLateStep(ctx, repos, request, { ...step, result: outcome.result, updatedAt: at });
    }
    return;
  }
  const error = String(mask({ error: outcome.error }).error);
  const stillWanted = request.status === 'in_fulfilment' || (step.compensates !== null && request.status === 'failed');
  if (stillWanted && mayRetry(ctx.failurePolicy, step.attempts, outcome.cause)) {
    const retryAt = at + retryDelayMs(ctx.failurePolicy, step.attempts, outcome.cause);
    if (!(await repos.fulfilmentSteps.finishRunning(step.id, owner, { status: 'waiting', error, updatedAt: at }))) return;
    backoff.set(step.id, retryAt);
    await audit(repos, { actorId: systemActor, action: 'fulfilment-step.retrying', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'running' }, after: { status: 'waiting', attempts: step.attempts, retryAt: new Date(retryAt).toISOString() }, reason: error, channel: 'system', at });
    return;
  }
  if (!(await repos.fulfilmentSteps.finishRunning(step.id, owner, { status: 'failed', error, updatedAt: at }))) return;
  await audit(repos, { actorId: systemActor, action: 'fulfilment-step.failed', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'running' }, after: { status: 'failed', input: mask(step.input) }, reason: error, channel: 'system', at });
  if (step.compensates) {
    await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${describeRequest(ctx, request)}: undoing "${step.title.replace(/^Undo: /, '')}" failed (${error}). The service desk can see it and will finish it by hand.` }], at);
    return;
  }
  if (request.status !== 'in_fulfilment') return;
  const definition = requestType?.fulfilment.steps.find((s) => s.id === step.stepId);
  if (definition?.onFailure === 'compensate') {
    await startCompensation(ctx, repos, request, { actorId: systemActor, channel: 'system', reason: `${step.title} failed: ${error}`, at });
    return;
  }
  await transition(repos, request, { to: 'failed', actorId: systemActor, reason: `${step.title} failed: ${error}`, channel: 'system', at });
  await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${describeRequest(ctx, request)} could not be completed: ${step.title} failed (${error}). The service desk can see it and will follow up.` }], at);
}
