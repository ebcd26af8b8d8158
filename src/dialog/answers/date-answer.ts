import { asText, invalid, ok, type AnswerContext, type AnswerParser } from './answer-context.js';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date `days` from `now`, as YYYY-MM-DD (UTC). */
export function isoDay(now: Date, days = 0): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}

function validIso(text: string): boolean {
  if (!isoDate.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function typedDate(text: string, ctx: AnswerContext): string | undefined {
  const found = ctx.extractFieldValues(text, [{ id: ctx.field.id, type: ctx.field.type }], { now: ctx.now })[ctx.field.id];
  if (typeof found === 'string' && validIso(found.slice(0, 10))) return found.slice(0, 10);
  if (found instanceof Date && !Number.isNaN(found.getTime())) return found.toISOString().slice(0, 10);
  return undefined;
}

/** ISO from the date input, or typed ("tomorrow", "next monday", "3 March"). */
export const parseDateAnswer: AnswerParser = async (raw, ctx) => {
  const text = asText(raw);
  const date = validIso(text) ? text : typedDate(text, ctx);
  if (!date) return invalid('Please give a date, e.g. 2026-03-02, "tomorrow" or "next monday".');
  const { minDaysFromToday: minDays, maxDaysFromToday: maxDays } = ctx.field;
  if (minDays !== undefined && date < isoDay(ctx.now, minDays)) {
    return invalid(minDays <= 0 ? 'That date is in the past; please pick today or later.' : `Please pick a date on or after ${isoDay(ctx.now, minDays)}.`);
  }
  if (maxDays !== undefined && date > isoDay(ctx.now, maxDays)) {
    return invalid(`Please pick a date on or before ${isoDay(ctx.now, maxDays)}.`);
  }
  return ok(date);
};
