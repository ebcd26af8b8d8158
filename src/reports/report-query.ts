import { z } from 'zod';
import { ValidationError } from '../shared/errors.js';
import type { ReportQuery } from './report.js';

const dayMs = 86_400_000;
/** The default period: the last 30 days, today included. */
const defaultDays = 30;
/** The longest period a report reads at once. */
const maxDays = 731;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');
const name = z.string().trim().min(1).max(100).regex(/^[a-z0-9][a-z0-9-]*$/, 'an id: lower-case letters, digits and hyphens');

/**
 * A report's period and filters as the API and the dashboard's form send them: whole UTC
 * days, `from` and `to` both included; empty fields mean "not filtered".
 */
export const reportQuerySchema = z.object({
  from: day.optional(),
  to: day.optional(),
  requestType: z.union([z.literal(''), name]).optional(),
  team: z.union([z.literal(''), name]).optional(),
});
export type ReportQueryInput = z.infer<typeof reportQuerySchema>;

/** The period and filters resolved: `from` inclusive, `to` exclusive (the day after the last day). */
export interface ResolvedReportQuery extends ReportQuery {
  /** The first and last day of the period, as asked (or defaulted). */
  firstDay: string;
  lastDay: string;
}

export function resolveReportQuery(input: ReportQueryInput, now: number): ResolvedReportQuery {
  const today = Math.floor(now / dayMs) * dayMs;
  const last = input.to ? Date.parse(`${input.to}T00:00:00Z`) : today;
  const first = input.from ? Date.parse(`${input.from}T00:00:00Z`) : last - (defaultDays - 1) * dayMs;
  if (first > last) throw new ValidationError('The period starts after it ends', { from: 'must be on or before to' });
  if ((last - first) / dayMs + 1 > maxDays) throw new ValidationError(`A report covers at most ${maxDays} days`, { from: `at most ${maxDays} days before to` });
  return {
    from: new Date(first),
    to: new Date(last + dayMs),
    firstDay: isoDay(first),
    lastDay: isoDay(last),
    ...(input.requestType ? { requestType: input.requestType } : {}),
    ...(input.team ? { team: input.team } : {}),
  };
}

function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
