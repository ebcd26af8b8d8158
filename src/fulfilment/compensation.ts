import { randomUUID } from 'node:crypto';
import { audit } from '../audit/index.js';
import type { RequestType } from '../catalog/schema.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { catalogOfRequest } from '../request-records/request-type-snapshots.js';
import { transition } from '../request-records/transition.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { describeRequest, type FulfilmentContext } from './fulfilment-context.js';
import type { FulfilmentCause } from './fulfilment.js';
import { queueWork } from './queue-work.js';

/**
 * Gives the request's plan up and undoes what it did, in the caller's transaction: open steps
 * are cancelled, the request fails, and each done integration step whose catalog definition
 * says how to undo it gets a compensation step, chained in reverse order of completion. They
 * are ordinary steps (claimed, retried, resumed after a restart) keyed `request:step:compensate`.
 * The requester is told what is being undone. False when the plan was already given up.
 */
export async function startCompensation(ctx: FulfilmentContext, repos: Repositories, request: RequestRow, by: FulfilmentCause & { reason: string; at: number }): Promise<boolean> {
  const steps = await repos.fulfilmentSteps.listByRequest(request.id);
  if (steps.some((s) => s.compensates !== null)) return false;
  const requestType = (await catalogOfRequest(repos, ctx.catalog(), request)).requestType(request.requestTypeId);
  for (const s of steps.filter((x) => x.status === 'waiting' || x.status === 'pending')) {
    await repos.fulfilmentSteps.update(s.id, { status: 'cancelled', updatedAt: by.at });
    await audit(repos, { ...by, action: 'fulfilment-step.cancelled', targetType: 'fulfilment-step', targetId: s.id, before: { status: s.status }, after: { status: 'cancelled' } });
  }
  const done = steps.filter((s) => s.status === 'done' && s.kind === 'integration').sort((a, b) => b.updatedAt - a.updatedAt || b.seq - a.seq);
  let seq = Math.max(...steps.map((s) => s.seq)) + 1;
  let previous: string | undefined;
  const rows: FulfilmentStepRow[] = [];
  for (const step of done) {
    const row = compensationOf(requestType, step, seq, previous ? [previous] : [], by.at);
    if (!row) continue;
    rows.push(row);
    previous = row.stepId;
    seq += 1;
  }
  await repos.fulfilmentSteps.insert(rows);
  await audit(repos, { ...by, action: 'fulfilment.compensating', targetType: 'request', targetId: request.id, before: { status: request.status }, after: { undo: rows.map((r) => r.compensates) } });
  if (request.status !== 'failed') await transition(repos, request, { to: 'failed', actorId: by.actorId, reason: by.reason, channel: by.channel, at: by.at });
  const what = rows.length ? ` What was already done is being undone: ${rows.map((r) => r.title.replace(/^Undo: /, '')).join('; ')}. You will hear when that is finished.` : ' Nothing had been changed yet.';
  await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${describeRequest(ctx, request)} could not be completed (${by.reason}).${what}` }], by.at);
  if (rows.length) await queueWork(repos, { requestId: request.id, kind: 'resume', by, at: by.at });
  return true;
}

/**
 * A step that was still running when the plan was given up and then succeeded is undone too:
 * its compensation step is added, first in line (it depends on nothing).
 */
export async function compensationAfterLateStep(ctx: FulfilmentContext, repos: Repositories, request: RequestRow, step: FulfilmentStepRow): Promise<void> {
  const steps = await repos.fulfilmentSteps.listByRequest(request.id);
  if (!steps.some((s) => s.compensates !== null) || steps.some((s) => s.compensates === step.stepId)) return;
  const requestType = (await catalogOfRequest(repos, ctx.catalog(), request)).requestType(request.requestTypeId);
  const row = compensationOf(requestType, step, Math.max(...steps.map((s) => s.seq)) + 1, [], step.updatedAt);
  if (!row) return;
  await repos.fulfilmentSteps.insert([row]);
  await queueWork(repos, { requestId: request.id, kind: 'resume', by: { actorId: 'system', channel: 'system' }, at: step.updatedAt });
}

/** When the last compensation step is done, the requester hears plainly that everything was undone. */
export async function tellUndone(ctx: FulfilmentContext, repos: Repositories, request: RequestRow, at: number): Promise<void> {
  const undo = (await repos.fulfilmentSteps.listByRequest(request.id)).filter((s) => s.compensates !== null);
  if (!undo.every((s) => s.status === 'done' || s.status === 'skipped')) return;
  const what = undo.map((s) => s.title.replace(/^Undo: /, '')).join('; ');
  await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${describeRequest(ctx, request)}: everything that had been done for it is undone (${what}). Nothing of it remains in place.` }], at);
}

// The step's input and answer, with `{result.x}` in the catalog's compensate input filled from the answer.
function compensationOf(requestType: RequestType | undefined, step: FulfilmentStepRow, seq: number, after: string[], at: number): FulfilmentStepRow | undefined {
  const definition = requestType?.fulfilment.steps.find((s) => s.id === step.stepId);
  if (definition?.kind !== 'integration' || !definition.compensate) return undefined;
  const result = Object.fromEntries(Object.entries(step.result ?? {}).flatMap(([k, v]) => (typeof v === 'string' || typeof v === 'number' ? [[k, String(v)]] : [])));
  const extra = Object.fromEntries(Object.entries(definition.compensate.input).map(([k, v]) => [k, v.replace(/\{result\.([\w-]+)\}/g, (_, key: string) => result[key] ?? '')]));
  return {
    id: randomUUID(), requestId: step.requestId, stepId: `${step.stepId}:compensate`, seq, kind: 'integration',
    title: `Undo: ${step.title}`, team: null, integration: step.integration, operation: definition.compensate.operation,
    input: { ...step.input, ...result, ...extra }, afterSteps: after, notBefore: null, compensates: step.stepId, dueAt: null,
    status: 'waiting', subStatus: null, result: null, error: null, note: null, completedBy: null, attempts: 0,
    claimedBy: null, claimedUntil: null, createdAt: at, updatedAt: at,
  };
}
