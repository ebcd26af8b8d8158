import { normalise } from '../../nlu/option-matching.js';
import { invalid, ok, type AnswerParser } from './answer-context.js';

const yes = new Set(['yes', 'y', 'yeah', 'yep', 'sure', 'true', 'ok', 'okay', 'of course', 'please', 'yes please', 'correct', 'i do']);
const no = new Set(['no', 'n', 'nope', 'nah', 'false', 'no thanks', 'not really', 'i do not', 'i dont', 'none']);

export const parseYesNoAnswer: AnswerParser = async (raw) => {
  if (typeof raw === 'boolean') return ok(raw);
  const text = normalise(typeof raw === 'string' ? raw : '');
  if (yes.has(text)) return ok(true);
  if (no.has(text)) return ok(false);
  return invalid('Please answer yes or no.');
};
