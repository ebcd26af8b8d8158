import { audit } from '../audit/index.js';
import { isIsoDate, startOfDayIn } from '../calendar/calendar.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { expireAccess } from './access-expiry.js';
import type { FulfilmentJobRow } from '../store/repositories/fulfilment-queue-repository.js';
import { failurePolicySchema } from './failure-policy.js';
import { IntegrationPolicies } from './integration-policies.js';
import type { FulfilmentContext } from './fulfilment-context.js';
import type { Fulfilment } from './fulfilment.js';
import { FulfilmentWorker } from './fulfilment-worker.js';
import { ManualTasks } from './manual-tasks.js';
import { recordSlaBreaches } from './sla-breaches.js';
import { taskExceptions } from './task-exceptions.js';
import { taskNotes } from './task-notes.js';
import { queueWork } from './queue-work.js';
import { runSteps, type RunEnd } from './run-steps.js';
import { startPlan } from './start-plan.js';
import { StepOverrides } from './step-overrides.js';
import { progressOf } from './step-progress.js';
import { failedStepsOf, signalEvent } from './plan-events.js';

/** The fulfilment module over the queue in the database and this replica's worker. */
export function createFulfilment(given: FulfilmentContext): Fulfilment {
  const failurePolicy = failurePolicySchema.parse(given.failurePolicy);
  const integrationPolicies = given.integrationPolicies ?? new IntegrationPolicies(failurePolicy, { now: given.now });
  const ctx = { ...given, failurePolicy, integrationPolicies };
  const worker = new FulfilmentWorker(ctx, (job) => runQueued(ctx, job));
  const wake = () => { void worker.wake(); };
  const tasks = new ManualTasks(ctx, wake);
  const overrides = new StepOverrides(ctx, wake);
  return {
    start: (repos, request, by, options = {}) => {
      const notBefore = Math.max(options.notBefore ?? 0, startsOn(ctx, request) ?? 0);
      return queueWork(repos, { requestId: request.id, kind: 'start', by, at: ctx.now(), ...(notBefore ? { notBefore } : {}) });
    },
    async cancel(repos, request, by) {
      for (const s of (await repos.fulfilmentSteps.listByRequest(request.id)).filter((x) => x.status === 'pending' || x.status === 'waiting')) {
        await repos.fulfilmentSteps.update(s.id, { status: 'cancelled', updatedAt: by.at });
        await audit(repos, { actorId: by.actorId, action: 'fulfilment-step.cancelled', targetType: 'fulfilment-step', targetId: s.id, before: { status: s.status }, after: { status: 'cancelled' }, reason: by.reason, channel: by.channel, at: by.at });
      }
    },
    wake,
    steps: async (requestId) => (await ctx.store.read.fulfilmentSteps.listByRequest(requestId)).map(progressOf),
    tasks: tasks.list,
    assignedTo: tasks.assignedTo,
    setSubStatus: tasks.setSubStatus,
    assign: tasks.assign,
    ...taskNotes(ctx),
    ...taskExceptions(ctx, tasks),
    recordSlaBreaches: () => recordSlaBreaches(ctx),
    complete: tasks.complete,
    fail: tasks.fail,
    retry: overrides.retry,
    override: overrides.override,
    skip: overrides.skip,
    abandon: overrides.abandon,
    signal: (requestId, event, by) => signalEvent(ctx, wake, requestId, event, by),
    failedSteps: (team) => failedStepsOf(ctx, team),
    sweep: () => sweep(ctx, worker),
    expireAccess: () => expireAccess(ctx, ctx.accessWarningMs ?? 0),
    idle: () => worker.idle(),
    stop: () => worker.stop(),
  };
}

/** The first moment of the day a request type's plan waits for (`fulfilment.startsOn`: a leaver's last day), in TIME_ZONE. */
function startsOn(ctx: FulfilmentContext, request: RequestRow): number | undefined {
  const field = ctx.catalog().requestType(request.requestTypeId)?.fulfilment.startsOn?.field;
  const day = field === undefined ? undefined : request.fields[field];
  return typeof day === 'string' && isIsoDate(day) ? startOfDayIn(day, ctx.timeZone) : undefined;
}

/** Queued work: the plan's start first when asked, then the steps as far as they go. */
async function runQueued(ctx: FulfilmentContext, job: FulfilmentJobRow): Promise<RunEnd> {
  if (job.kind === 'start') await startPlan(ctx, job);
  return runSteps(ctx, job.requestId);
}

/**
 * Nothing in fulfilment stalls silently: requests whose step's replica died mid-call, and
 * requests whose next step waits with no work queued for them, get a "resume" queued (and
 * logged); then this replica runs whatever is due.
 */
async function sweep(ctx: FulfilmentContext, worker: FulfilmentWorker): Promise<number> {
  const at = ctx.now();
  await ctx.store.transaction(async (repos) => {
    const stalled = await repos.fulfilmentSteps.requestsWithStalledSteps(at);
    const forgotten = (await repos.fulfilmentSteps.requestsWaitingWithoutWork()).filter((id) => !stalled.includes(id));
    for (const requestId of [...stalled, ...forgotten]) {
      await queueWork(repos, { requestId, kind: 'resume', by: { actorId: 'system', channel: 'system' }, at });
    }
    if (forgotten.length) ctx.log.warn({ requestIds: forgotten }, 'fulfilment of these requests waited with no work queued; resuming them');
  });
  return worker.wake();
}
