import { audit, systemActor } from '../audit/index.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { formatWhen } from '../request-records/format-time.js';
import { transition } from '../request-records/transition.js';
import type { KnownPeople } from '../request-records/known-people.js';
import type { Person } from '../directory/person.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { catalogOfRequest } from '../request-records/request-type-snapshots.js';
import { grantToExtend, recordAccessGrant } from './access-grants.js';
import { describeRequest, type FulfilmentContext } from './fulfilment-context.js';

/** The requester and the teams' members, looked up before the run's transactions. */
export interface RunPeople {
  requester: Person | undefined;
  known: KnownPeople;
  teams: Map<string, Person[]>;
}

/** Integration steps this replica now holds, to call; and when the next wait or backoff ends. */
export interface Advanced {
  claimed: Array<{ step: FulfilmentStepRow; request: RequestRow }>;
  nextAt: number | undefined;
}

const finished = new Set(['done', 'skipped', 'cancelled']);

/**
 * Moves the request's plan forward as far as the store alone can, in one transaction: a
 * step whose `after` steps are all done (or skipped) is ready; a manual step goes to its team,
 * a notify step sends its message, a wait step ends when its time has come (or waits for its
 * event), and an integration step is claimed for this replica to call (several at once when
 * they do not depend on each other). `run`: the steps this run is calling, and those it waits to call again after their backoff. A request given up runs its compensation steps only.
 * Every change is made from the status seen, so two runners never do a step twice.
 */
export async function advance(ctx: FulfilmentContext, repos: Repositories, requestId: string, people: RunPeople, run: { backoff: ReadonlyMap<string, number>; calling: ReadonlySet<string> }): Promise<Advanced> {
  const at = ctx.now();
  const { owner, leaseMs } = ctx.claims;
  const claimed: Advanced['claimed'] = [];
  let nextAt: number | undefined;
  const later = (t: number) => { nextAt = nextAt === undefined ? t : Math.min(nextAt, t); };
  for (let progressed = true; progressed;) {
    progressed = false;
    const request = await repos.requests.findById(requestId);
    if (!request) return { claimed, nextAt };
    const steps = await repos.fulfilmentSteps.listByRequest(requestId);
    const undoing = request.status === 'failed' && steps.some((s) => s.compensates !== null);
    if (request.status !== 'in_fulfilment' && !undoing) return { claimed, nextAt };
    const active = steps.filter((s) => (s.compensates !== null) === undoing);
    if (!undoing && active.every((s) => finished.has(s.status))) {
      await transition(repos, request, { to: 'fulfilled', actorId: systemActor, reason: 'Every fulfilment step is done', channel: 'system', at });
      await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${describeRequest(ctx, request)} is fulfilled.` }], at);
      return { claimed, nextAt };
    }
    const doneIds = new Set(active.filter((s) => s.status === 'done' || s.status === 'skipped').map((s) => s.stepId));
    for (const [i, step] of active.entries()) {
      if (claimed.some((c) => c.step.id === step.id) || run.calling.has(step.id)) continue;
      if (step.status === 'running' && (step.claimedUntil ?? 0) < at) {
        // Its replica died mid-call (the lease ran out): call it again; the idempotency key keeps one effect.
        if (!(await repos.fulfilmentSteps.takeOver(step.id, owner, at, at + leaseMs))) continue;
        ctx.log.warn({ requestId, stepId: step.stepId }, 'taking over a fulfilment step whose replica stopped mid-call');
        claimed.push({ step: { ...step, claimedBy: owner, claimedUntil: at + leaseMs }, request });
        continue;
      }
      if (step.status !== 'waiting') continue;
      // Steps stored before plans were graphs wait for the step before them.
      const after = step.afterSteps ?? (i > 0 ? [active[i - 1]!.stepId] : []);
      if (!after.every((id) => doneIds.has(id))) continue;
      const notBefore = Math.max(step.notBefore ?? 0, run.backoff.get(step.id) ?? 0);
      if (notBefore > at) {
        later(notBefore);
        continue;
      }
      const moved = await startStep(ctx, repos, step, request, people, at);
      if (moved === 'claimed') claimed.push({ step: { ...step, status: 'running', attempts: step.attempts + 1, claimedBy: owner, claimedUntil: at + leaseMs }, request });
      else if (typeof moved === 'number') later(moved);
      else if (moved === 'done') progressed = true;
    }
  }
  return { claimed, nextAt };
}

/** One ready step: what its kind does now. A number: the time its wait ends. */
async function startStep(ctx: FulfilmentContext, repos: Repositories, step: FulfilmentStepRow, request: RequestRow, people: RunPeople, at: number): Promise<'claimed' | 'done' | 'held' | 'moved-on' | number> {
  const { owner, leaseMs } = ctx.claims;
  const log = (action: string, after: Record<string, unknown>) => audit(repos, {
    actorId: systemActor, action, targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status }, after, channel: 'system', at,
  });
  if (step.kind === 'integration' && (await grantToExtend(repos, request, step))) {
    return (await extendInsteadOfCalling(ctx, repos, request, step, at)) ? 'done' : 'moved-on';
  }
  if (step.kind === 'integration') {
    if (!(await repos.fulfilmentSteps.startRunning(step.id, 'waiting', { owner, until: at + leaseMs, at, attempts: step.attempts + 1 }))) return 'moved-on';
    await log('fulfilment-step.started', { status: 'running', integration: step.integration, operation: step.operation });
    return 'claimed';
  }
  if (step.kind === 'manual') {
    if (!(await repos.fulfilmentSteps.moveFrom(step.id, 'waiting', { status: 'pending', updatedAt: at }))) return 'moved-on';
    await log('fulfilment-step.assigned', { status: 'pending', team: step.team });
    await tellTeam(ctx, repos, step, request, people, at);
    return 'held';
  }
  if (step.kind === 'wait' && step.input.event) {
    // Held until `signal` says the event happened; a pending step is not "work lost" for the sweep.
    if (!(await repos.fulfilmentSteps.moveFrom(step.id, 'waiting', { status: 'pending', updatedAt: at }))) return 'moved-on';
    await log('fulfilment-step.waiting-for-event', { status: 'pending', event: step.input.event });
    return 'held';
  }
  if (step.kind === 'wait' && step.notBefore === null && step.input.forMs) {
    const until = at + Number(step.input.forMs);
    if (!(await repos.fulfilmentSteps.moveFrom(step.id, 'waiting', { notBefore: until, updatedAt: at }))) return 'moved-on';
    await log('fulfilment-step.waiting', { status: 'waiting', until: new Date(until).toISOString() });
    if (until > at) return until;
  }
  if (!(await repos.fulfilmentSteps.moveFrom(step.id, 'waiting', { status: 'done', updatedAt: at }))) return 'moved-on';
  if (step.kind === 'notify') await sendNotice(repos, step, request, people, at);
  await log('fulfilment-step.done', { status: 'done' });
  return 'done';
}

/**
 * An extension request's step that would give access the person holds already: the grant's
 * end moves instead, and the integration is not called (the membership is not added twice).
 */
async function extendInsteadOfCalling(ctx: FulfilmentContext, repos: Repositories, request: RequestRow, step: FulfilmentStepRow, at: number): Promise<boolean> {
  const note = 'The access was held already: its end date moved instead';
  if (!(await repos.fulfilmentSteps.moveFrom(step.id, 'waiting', { status: 'done', note, result: { extended: true }, updatedAt: at }))) return false;
  await audit(repos, { actorId: systemActor, action: 'fulfilment-step.done', targetType: 'fulfilment-step', targetId: step.id, before: { status: step.status }, after: { status: 'done', extended: true }, reason: note, channel: 'system', at });
  await recordAccessGrant(repos, await catalogOfRequest(repos, ctx.catalog(), request), request, step, at);
  return true;
}

/** A notify step's message, to the requester or to every member of the team. */
async function sendNotice(repos: Repositories, step: FulfilmentStepRow, request: RequestRow, people: RunPeople, at: number): Promise<void> {
  const text = step.input.message ?? step.title;
  const to = step.input.to === 'requester' ? [request.requesterId] : (people.teams.get(step.team ?? '') ?? []).map((m) => m.id);
  for (const id of to) await enqueue(repos, id, [{ kind: 'text', text }], at);
}

/** Everyone in the step's team hears that a task has arrived for them, and what it is. */
async function tellTeam(ctx: FulfilmentContext, repos: Repositories, step: FulfilmentStepRow, request: RequestRow, people: RunPeople, at: number): Promise<void> {
  if (!step.team) return;
  const due = formatWhen(request.dueAt, at, ctx.timeZone);
  const text = `New task for ${step.team}: ${step.title} for ${describeRequest(ctx, request)}, asked by ${people.known.name(request.requesterId)}; due ${due}. `
    + 'Your team\'s tasks are listed at /api/v1/tasks, where you update and complete them.';
  for (const member of people.teams.get(step.team) ?? []) await enqueue(repos, member.id, [{ kind: 'text', text }], at);
}
