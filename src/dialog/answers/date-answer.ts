import { dateBounds, isIsoDate, isoToday, outsideBounds } from '../../calendar/calendar.js';
import { asText, invalid, ok, type AnswerContext, type AnswerParser } from './answer-context.js';

function typedDate(text: string, ctx: AnswerContext): string | undefined {
  const found = ctx.extractFieldValues(text, [{ id: ctx.field.id, type: ctx.field.type }], { now: ctx.now, timeZone: ctx.timeZone })[ctx.field.id];
  if (typeof found === 'string' && isIsoDate(found.slice(0, 10))) return found.slice(0, 10);
  if (found instanceof Date && !Number.isNaN(found.getTime())) return isoToday(found, ctx.timeZone);
  return undefined;
}

/** ISO from the date input, or typed ("tomorrow", "next monday", "3 March"), within the field's limits in the configured zone. */
export const parseDateAnswer: AnswerParser = async (raw, ctx) => {
  const text = asText(raw);
  const date = isIsoDate(text) ? text : typedDate(text, ctx);
  if (!date) return invalid('Please give a date, e.g. 2026-03-02, "tomorrow" or "next monday".');
  const bounds = dateBounds(ctx.field, isoToday(ctx.now, ctx.timeZone));
  switch (outsideBounds(date, bounds)) {
    case 'before':
      return invalid((ctx.field.minDaysFromToday ?? 0) <= 0 ? 'That date is in the past; please pick today or later.' : `Please pick a date on or after ${bounds.min}.`);
    case 'after':
      return invalid(`Please pick a date on or before ${bounds.max}.`);
    default:
      return ok(date);
  }
};
