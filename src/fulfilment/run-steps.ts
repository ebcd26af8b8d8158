import { audit, maskSensitive, systemActor } from '../audit/index.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { formatWhen } from '../request-records/format-time.js';
import { KnownPeople } from '../request-records/known-people.js';
import { transition } from '../request-records/transition.js';
import { catalogOfRequest } from '../request-records/request-type-snapshots.js';
import { whileRenewing } from '../replicas/replica-claims.js';
import type { Person } from '../directory/person.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { grantToExtend, recordAccessGrant } from './access-grants.js';
import { mayRetry, retryDelayMs } from './failure-policy.js';
import { callIntegration, type Outcome } from './call-integration.js';
import { describeRequest, type FulfilmentContext } from './fulfilment-context.js';

/** Where a run stopped: waiting on people, done, or failed (nothing to do until something changes), or a step to call again at `at`. */
export type RunEnd = { kind: 'stopped' } | { kind: 'retry'; at: number; error: string };

/** The requester and the teams' members, looked up before the run's transactions. */
interface RunPeople {
  requester: Person | undefined;
  known: KnownPeople;
  teams: Map<string, Person[]>;
}

/**
 * Runs a request's steps one after another, as far as they can go now. Integration calls
 * happen between two transactions (claim and mark running, call, record), never inside one;
 * the step's claim is renewed while the call runs, and a step whose replica died mid-call is
 * taken over and called again with the same idempotency key. A manual step stops the run
 * until its team completes it; a failed call is called again after the failure policy's
 * backoff while attempts are left, else it fails the request.
 */
export async function runSteps(ctx: FulfilmentContext, requestId: string): Promise<RunEnd> {
  const people = await peopleOfRun(ctx, requestId);
  for (;;) {
    const started = await ctx.store.transaction((repos) => advance(ctx, repos, requestId, people));
    if (!started) return { kind: 'stopped' };
    const { owner, leaseMs } = ctx.claims;
    const renew = () => ctx.store.transaction((repos) => repos.fulfilmentSteps.renewClaim(started.step.id, owner, ctx.now() + leaseMs));
    const outcome = await whileRenewing(ctx.claims, renew, () => callIntegration(ctx, started.step, started.request, people.requester));
    const end = await ctx.store.transaction((repos) => record(ctx, repos, started.step, outcome));
    if (end !== 'done') return typeof end === 'object' ? end : { kind: 'stopped' };
  }
}

async function peopleOfRun(ctx: FulfilmentContext, requestId: string): Promise<RunPeople> {
  const request = await ctx.store.read.requests.findById(requestId);
  const steps = await ctx.store.read.fulfilmentSteps.listByRequest(requestId);
  const teams = new Map<string, Person[]>();
  for (const team of new Set(steps.flatMap((s) => (s.kind === 'manual' && s.team ? [s.team] : [])))) teams.set(team, await ctx.directory.membersOf(`team:${team}`));
  const known = await KnownPeople.lookUp(ctx.directory, [request?.requesterId]);
  return { requester: request ? known.person(request.requesterId) : undefined, known, teams };
}

/** Moves the request forward as far as the store alone can; returns an integration step this replica now holds, to call. */
async function advance(ctx: FulfilmentContext, repos: Repositories, requestId: string, people: RunPeople): Promise<{ step: FulfilmentStepRow; request: RequestRow } | undefined> {
  const at = ctx.now();
  const { owner, leaseMs } = ctx.claims;
  const request = await repos.requests.findById(requestId);
  if (!request || request.status !== 'in_fulfilment') return undefined;
  const steps = await repos.fulfilmentSteps.listByRequest(requestId);
  const step = steps.find((s) => s.status !== 'done' && s.status !== 'cancelled');
  if (!step) {
    await transition(repos, request, { to: 'fulfilled', actorId: systemActor, reason: 'Every fulfilment step is done', channel: 'system', at });
    await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${describeRequest(ctx, request)} is fulfilled.` }], at);
    return undefined;
  }
  if (step.status === 'running') {
    // Its replica died mid-call (the lease ran out): call it again; the idempotency key keeps one effect.
    if (!(await repos.fulfilmentSteps.takeOver(step.id, owner, at, at + leaseMs))) return undefined;
    ctx.log.warn({ requestId, stepId: step.stepId }, 'taking over a fulfilment step whose replica stopped mid-call');
    return { step: { ...step, claimedBy: owner, claimedUntil: at + leaseMs }, request };
  }
  if (step.status !== 'waiting') return undefined;
  if (step.kind !== 'manual' && (await grantToExtend(repos, request, step))) {
    await extendInsteadOfCalling(ctx, repos, request, step, at);
    return advance(ctx, repos, requestId, people);
  }
  if (step.kind === 'manual') {
    await repos.fulfilmentSteps.update(step.id, { status: 'pending', updatedAt: at });
    await tellTeam(ctx, repos, step, request, people, at);
  } else if (!(await repos.fulfilmentSteps.startRunning(step.id, step.status, { owner, until: at + leaseMs, at, attempts: step.attempts + 1 }))) return undefined;
  const next = step.kind === 'manual' ? 'pending' : 'running';
  await audit(repos, {
    actorId: systemActor, action: step.kind === 'manual' ? 'fulfilment-step.assigned' : 'fulfilment-step.started',
    targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status },
    after: { status: next, ...(step.team ? { team: step.team } : { integration: step.integration, operation: step.operation }) },
    channel: 'system', at,
  });
  return step.kind === 'manual' ? undefined : { step: { ...step, status: 'running', attempts: step.attempts + 1 }, request };
}

/**
 * Stores the step's outcome. A failure the policy retries puts the step back to wait for its
 * next call; any other failure fails the request and tells the requester. 'lost' when the
 * step is no longer this replica's (cancelled, or taken over after its lease ran out): the
 * other outcome counts and the run stops here.
 */
async function record(ctx: FulfilmentContext, repos: Repositories, step: FulfilmentStepRow, outcome: Outcome): Promise<'done' | 'failed' | 'lost' | Extract<RunEnd, { kind: 'retry' }>> {
  const at = ctx.now();
  const owner = ctx.claims.owner;
  const request = (await repos.requests.findById(step.requestId))!;
  const catalog = await catalogOfRequest(repos, ctx.catalog(), request);
  const requestType = catalog.requestType(request.requestTypeId);
  const mask = (v: Record<string, unknown>) => maskSensitive(requestType, request.fields, v);
  if (outcome.ok) {
    if (!(await repos.fulfilmentSteps.finishRunning(step.id, owner, { status: 'done', result: outcome.result, error: null, updatedAt: at }))) return 'lost';
    await audit(repos, { actorId: systemActor, action: 'fulfilment-step.done', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'running' }, after: { status: 'done', input: mask(step.input), result: mask(outcome.result) }, channel: 'system', at });
    await recordAccessGrant(repos, catalog, request, step, at);
    return 'done';
  }
  const error = String(mask({ error: outcome.error }).error);
  if (request.status === 'in_fulfilment' && mayRetry(ctx.failurePolicy, step.attempts, outcome.cause)) {
    const retryAt = at + retryDelayMs(ctx.failurePolicy, step.attempts, outcome.cause);
    if (!(await repos.fulfilmentSteps.finishRunning(step.id, owner, { status: 'waiting', error, updatedAt: at }))) return 'lost';
    await audit(repos, { actorId: systemActor, action: 'fulfilment-step.retrying', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'running' }, after: { status: 'waiting', attempts: step.attempts, retryAt: new Date(retryAt).toISOString() }, reason: error, channel: 'system', at });
    return { kind: 'retry', at: retryAt, error };
  }
  if (!(await repos.fulfilmentSteps.finishRunning(step.id, owner, { status: 'failed', error, updatedAt: at }))) return 'lost';
  await audit(repos, { actorId: systemActor, action: 'fulfilment-step.failed', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'running' }, after: { status: 'failed', input: mask(step.input) }, reason: error, channel: 'system', at });
  if (request.status === 'in_fulfilment') {
    await transition(repos, request, { to: 'failed', actorId: systemActor, reason: `${step.title} failed: ${error}`, channel: 'system', at });
    await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${describeRequest(ctx, request)} could not be completed: ${step.title} failed (${error}). The service desk can see it and will follow up.` }], at);
  }
  return 'failed';
}

/**
 * An extension request's step that would give access the person holds already: the grant's
 * end moves instead, and the integration is not called (the membership is not added twice).
 */
async function extendInsteadOfCalling(ctx: FulfilmentContext, repos: Repositories, request: RequestRow, step: FulfilmentStepRow, at: number): Promise<void> {
  const note = 'The access was held already: its end date moved instead';
  await repos.fulfilmentSteps.update(step.id, { status: 'done', note, result: { extended: true }, updatedAt: at });
  await audit(repos, { actorId: systemActor, action: 'fulfilment-step.done', targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status }, after: { status: 'done', extended: true }, reason: note, channel: 'system', at });
  await recordAccessGrant(repos, await catalogOfRequest(repos, ctx.catalog(), request), request, step, at);
}

/** Everyone in the step's team hears that a task has arrived for them, and what it is. */
async function tellTeam(ctx: FulfilmentContext, repos: Repositories, step: FulfilmentStepRow, request: RequestRow, people: RunPeople, at: number): Promise<void> {
  if (!step.team) return;
  const due = formatWhen(request.dueAt, at, ctx.timeZone);
  const text = `New task for ${step.team}: ${step.title} for ${describeRequest(ctx, request)}, asked by ${people.known.name(request.requesterId)}; due ${due}. `
    + 'Your team\'s tasks are listed at /api/v1/tasks, where you update and complete them.';
  for (const member of people.teams.get(step.team) ?? []) await enqueue(repos, member.id, [{ kind: 'text', text }], at);
}
