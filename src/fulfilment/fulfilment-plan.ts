import { randomUUID } from 'node:crypto';
import { startOfDayIn, workingDaysBefore } from '../calendar/calendar.js';
import type { Catalog } from '../catalog/catalog.js';
import type { FulfilmentStep, RequestType } from '../catalog/schema.js';
import type { Person } from '../directory/person.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';

/** The steps of a request, with `when`s evaluated and placeholders filled at approval time. */
export function planSteps(catalog: Catalog, requestType: RequestType, request: { id: string; fields: Record<string, unknown>; cost: number | null }, requester: Person, at: number, timeZone: string): FulfilmentStepRow[] {
  const ctx = { requester, fields: request.fields, cost: request.cost ?? undefined, requestType };
  return requestType.fulfilment.steps
    .filter((step) => !step.when || catalog.evaluate(step.when, ctx, requestType))
    .map((step, seq) => ({
      id: randomUUID(),
      requestId: request.id,
      stepId: step.id,
      seq,
      kind: step.kind,
      title: catalog.interpolate(step.title, ctx),
      team: step.kind === 'manual' ? step.team : null,
      integration: step.kind === 'integration' ? step.integration : null,
      operation: step.kind === 'integration' ? step.operation : null,
      input: step.kind === 'integration' ? Object.fromEntries(Object.entries(step.input).map(([k, v]) => [k, catalog.interpolate(v, ctx)])) : {},
      status: 'waiting',
      subStatus: null,
      result: null,
      error: null,
      note: null,
      completedBy: null,
      attempts: 0,
      claimedBy: null,
      claimedUntil: null,
      createdAt: at,
      updatedAt: at,
      dueAt: dueAtOf(step, request.fields, timeZone),
    }));
}

/** A manual task due before a date answer: the start of the day that many working days earlier. */
function dueAtOf(step: FulfilmentStep, fields: Record<string, unknown>, timeZone: string): number | null {
  if (step.kind !== 'manual' || !step.due) return null;
  const day = fields[step.due.beforeField];
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  return startOfDayIn(workingDaysBefore(day, step.due.workingDays), timeZone);
}
