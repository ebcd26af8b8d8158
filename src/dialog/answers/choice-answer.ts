import { matchAnswer } from '../../nlu/option-matching.js';
import { notAllowedAnswer, refusal, unavailableNote } from '../not-allowed.js';
import { asText, invalid, ok, type AnswerContext, type AnswerParser } from './answer-context.js';

function notAnOption(typed: string, ctx: AnswerContext): string {
  const shown = ctx.options.slice(0, 8).map((o) => o.label).join(', ');
  return `I could not match "${typed}" to one of the options. Pick one${ctx.options.length > 8 ? ', or type a name' : ''}: ${shown}${ctx.options.length > 8 ? ', ...' : '.'}`;
}

/** Choice and lookup fields: one option, typed with some tolerance or picked on the card. */
export const parseChoiceAnswer: AnswerParser = async (raw, ctx) => {
  const typed = asText(raw);
  const byValue = ctx.options.find((o) => o.value === typed);
  const option = byValue ?? matchAnswer(typed, ctx.options);
  if (option) return ok(option.value);
  const refused = notAllowedAnswer(typed, ctx.notAllowed);
  if (refused) return invalid(refusal(refused));
  const elsewhere = matchAnswer(typed, ctx.unavailable);
  return invalid(elsewhere ? unavailableNote(elsewhere, ctx.field) : notAnOption(typed, ctx));
};

/** Several options: a list from the card, or typed as "a, b and c". */
export const parseMultiChoiceAnswer: AnswerParser = async (raw, ctx) => {
  const parts = Array.isArray(raw)
    ? raw.map(asText)
    : asText(raw).split(/\s*(?:,|;|\band\b|&)\s*/i);
  const chosen: string[] = [];
  for (const part of parts.filter((p) => p.length > 0)) {
    const option = ctx.options.find((o) => o.value === part) ?? matchAnswer(part, ctx.options);
    if (!option) return invalid(notAnOption(part, ctx));
    if (!chosen.includes(option.value)) chosen.push(option.value);
  }
  if (chosen.length === 0) return invalid('Pick at least one option.');
  return ok(chosen);
};
