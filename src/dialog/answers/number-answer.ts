import { z } from 'zod';
import { asText, invalid, ok, type AnswerParser } from './answer-context.js';

export const parseNumberAnswer: AnswerParser = async (raw, { field }) => {
  const text = typeof raw === 'number' ? String(raw) : asText(raw).replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return invalid('Please answer with a number, e.g. 2.');
  let rule = z.number();
  if (field.min !== undefined) rule = rule.min(field.min, `The smallest allowed is ${field.min}.`);
  if (field.max !== undefined) rule = rule.max(field.max, `The largest allowed is ${field.max}.`);
  const parsed = rule.safeParse(Number(text));
  return parsed.success ? ok(parsed.data) : invalid(parsed.error.issues[0]?.message ?? 'That number is not allowed.');
};
