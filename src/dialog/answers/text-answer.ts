import { z } from 'zod';
import { asText, invalid, ok, type AnswerParser } from './answer-context.js';

export const parseTextAnswer: AnswerParser = async (raw, { field }) => {
  let rule = z.string();
  if (field.minLength !== undefined) rule = rule.min(field.minLength, `Please write at least ${field.minLength} characters.`);
  if (field.maxLength !== undefined) rule = rule.max(field.maxLength, `Please keep it under ${field.maxLength} characters.`);
  if (field.pattern !== undefined) rule = rule.regex(new RegExp(field.pattern), field.patternMessage ?? `That does not look like a valid ${field.label.toLowerCase()}.`);
  const parsed = rule.safeParse(asText(raw));
  return parsed.success ? ok(parsed.data) : invalid(parsed.error.issues[0]?.message ?? 'That answer is not valid.');
};
