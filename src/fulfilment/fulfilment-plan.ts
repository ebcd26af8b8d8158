import { randomUUID } from 'node:crypto';
import { startOfDayIn, workingDaysBefore } from '../calendar/calendar.js';
import type { Catalog } from '../catalog/catalog.js';
import { dependenciesOf } from '../catalog/plan-graph.js';
import type { FulfilmentStep, RequestType } from '../catalog/schema.js';
import type { Person } from '../directory/person.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';

const dayMs = 86_400_000;
type Filled = (template: string) => string;

/**
 * The steps of a request, with `when`s evaluated, placeholders filled and each step's
 * dependencies stored, at approval time. A step left out by its `when` passes its own
 * dependencies on, so a step after it waits for what it would have waited for.
 */
export function planSteps(catalog: Catalog, requestType: RequestType, request: { id: string; fields: Record<string, unknown>; cost: number | null }, requester: Person, at: number, timeZone: string): FulfilmentStepRow[] {
  const ctx = { requester, fields: request.fields, cost: request.cost ?? undefined, requestType };
  const fill: Filled = (template) => catalog.interpolate(template, ctx);
  const all = requestType.fulfilment.steps;
  const planned = all.filter((step) => !step.when || catalog.evaluate(step.when, ctx, requestType));
  const plannedIds = new Set(planned.map((s) => s.id));
  const deps = dependenciesOf(all);
  const resolve = (id: string): string[] => (plannedIds.has(id) ? [id] : (deps.get(id) ?? []).flatMap(resolve));
  return planned.map((step, seq) => ({
    id: randomUUID(),
    requestId: request.id,
    stepId: step.id,
    seq,
    kind: step.kind,
    title: fill(step.title),
    team: step.kind === 'manual' ? step.team : step.kind === 'notify' && step.to !== 'requester' ? step.to.team : null,
    integration: step.kind === 'integration' ? step.integration : null,
    operation: step.kind === 'integration' ? step.operation : null,
    input: inputOf(step, fill),
    afterSteps: [...new Set((deps.get(step.id) ?? []).flatMap(resolve))],
    notBefore: step.kind === 'wait' && step.until ? untilOf(fill(step.until), step.offsetDays ?? 0, at) : null,
    compensates: null,
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

/** What the step is run with: an integration's input, what a wait waits for, a message's text. */
function inputOf(step: FulfilmentStep, fill: Filled): Record<string, string> {
  if (step.kind === 'integration') return Object.fromEntries(Object.entries(step.input).map(([k, v]) => [k, fill(v)]));
  if (step.kind === 'notify') return { to: step.to === 'requester' ? 'requester' : `team:${step.to.team}`, message: fill(step.message) };
  if (step.kind === 'wait') {
    if (step.event) return { event: step.event };
    if (step.for) return { forMs: String(Math.round(((step.for.days ?? 0) * 24 + (step.for.hours ?? 0)) * 3_600_000)) };
    return { until: fill(step.until ?? '') };
  }
  return {};
}

// A date answer ("2026-12-10") is the start of that day (UTC); an empty or unreadable one waits for nothing.
function untilOf(value: string, offsetDays: number, at: number): number {
  const date = Date.parse(value);
  return Number.isNaN(date) ? at : date + offsetDays * dayMs;
}

/** A manual task due before a date answer: the start of the day that many working days earlier. */
function dueAtOf(step: FulfilmentStep, fields: Record<string, unknown>, timeZone: string): number | null {
  if (step.kind !== 'manual' || !step.due) return null;
  const day = fields[step.due.beforeField];
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  return startOfDayIn(workingDaysBefore(day, step.due.workingDays), timeZone);
}
