import { z } from 'zod';
import { fieldPattern, textLimit } from '../../catalog/text-limits.js';
import { asText, invalid, ok, type AnswerParser } from './answer-context.js';

export const parseTextAnswer: AnswerParser = async (raw, { field }) => {
  const limit = textLimit(field);
  const text = asText(raw);
  // The length first: no pattern ever runs over an answer longer than the field allows.
  if (typeof text === 'string' && text.length > limit) return invalid(`Please keep it under ${limit} characters.`);
  let rule = z.string().max(limit, `Please keep it under ${limit} characters.`);
  if (field.minLength !== undefined) rule = rule.min(field.minLength, `Please write at least ${field.minLength} characters.`);
  const pattern = fieldPattern(field);
  if (pattern) rule = rule.regex(pattern, field.patternMessage ?? `That does not look like a valid ${field.label.toLowerCase()}.`);
  const parsed = rule.safeParse(text);
  return parsed.success ? ok(parsed.data) : invalid(parsed.error.issues[0]?.message ?? 'That answer is not valid.');
};
