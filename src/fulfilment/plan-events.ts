import { audit } from '../audit/index.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import type { FulfilmentContext } from './fulfilment-context.js';
import type { FailedStep, Fulfilment } from './fulfilment.js';
import { queueWork } from './queue-work.js';
import { progressOf } from './step-progress.js';

/**
 * An event a wait step of the request waits for has happened: the step is done (from the
 * status seen, so a second signal changes nothing) and the plan runs on, on the worker.
 */
export async function signalEvent(ctx: FulfilmentContext, wake: () => void, ...[requestId, event, by]: Parameters<Fulfilment['signal']>): Promise<boolean> {
  const signalled = await ctx.store.transaction(async (repos) => {
    const request = await repos.requests.findById(requestId);
    if (request?.status !== 'in_fulfilment') return false;
    const at = ctx.now();
    let any = false;
    for (const step of (await repos.fulfilmentSteps.listByRequest(requestId)).filter((s) => s.kind === 'wait' && s.input.event === event && s.status === 'pending')) {
      if (!(await repos.fulfilmentSteps.moveFrom(step.id, 'pending', { status: 'done', updatedAt: at }))) continue;
      await audit(repos, { ...by, action: 'fulfilment-step.done', targetType: 'fulfilment-step', targetId: step.id, before: { status: 'pending' }, after: { status: 'done', event }, at });
      any = true;
    }
    if (any) await queueWork(repos, { requestId, kind: 'resume', by, at });
    return any;
  });
  if (signalled) wake();
  return signalled;
}

/** Failed steps of requests whose type the team owns (as the request was made), oldest first. */
export async function failedStepsOf(ctx: FulfilmentContext, team: string): Promise<FailedStep[]> {
  const rows = await ctx.store.read.fulfilmentSteps.listByStatus('failed');
  const requests = new Map((await ctx.store.read.requests.listByIds([...new Set(rows.map((r) => r.requestId))])).map((r) => [r.id, r]));
  return rows.flatMap((row) => {
    const request = requests.get(row.requestId);
    const requestType = request && ctx.catalog().requestType(request.requestTypeId);
    if (!request || requestType?.ownerTeam !== team) return [];
    return [{ ...progressOf(row), requestNumber: formatRequestNumber(request.number), requestTitle: requestType.title, ownerTeam: team, failedAt: new Date(row.updatedAt).toISOString() }];
  });
}
