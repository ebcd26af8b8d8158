import type { FieldType } from '../../catalog/schema.js';
import { normalise } from '../../nlu/option-matching.js';
import type { AnswerContext, AnswerParser, AnswerResult } from './answer-context.js';
import { parseChoiceAnswer, parseMultiChoiceAnswer } from './choice-answer.js';
import { parseDateAnswer } from './date-answer.js';
import { parseNumberAnswer } from './number-answer.js';
import { parsePersonAnswer } from './person-answer.js';
import { parseTextAnswer } from './text-answer.js';
import { parseYesNoAnswer } from './yes-no-answer.js';

/** The one place a field type meets its parser; a new type adds one line. */
const parsers: Record<FieldType, AnswerParser> = {
  text: parseTextAnswer,
  choice: parseChoiceAnswer,
  'multi-choice': parseMultiChoiceAnswer,
  lookup: parseChoiceAnswer,
  date: parseDateAnswer,
  number: parseNumberAnswer,
  person: parsePersonAnswer,
  'yes-no': parseYesNoAnswer,
};

const skipWords = new Set(['skip', 'none', 'n a', 'na', 'nothing', '-']);

function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
}

/** Validates an answer for its field; an optional field may be skipped (stored as null). */
export async function parseAnswer(raw: unknown, ctx: AnswerContext): Promise<AnswerResult> {
  const skipped = isEmpty(raw) || (typeof raw === 'string' && skipWords.has(normalise(raw)) && ctx.field.type !== 'yes-no');
  if (skipped) {
    return ctx.field.required ? { ok: false, error: `I need an answer to this one.${ctx.field.help ? ` ${ctx.field.help}` : ''}` } : { ok: true, value: null };
  }
  return parsers[ctx.field.type](raw, ctx);
}
