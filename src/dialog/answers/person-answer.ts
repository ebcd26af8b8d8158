import { z } from 'zod';
import { isTypoOf, normalise } from '../../nlu/option-matching.js';
import { asText, invalid, ok, type AnswerParser } from './answer-context.js';

const selfWords = new Set(['me', 'myself', 'i', 'mine', 'me please', 'just me', 'it is me', 'its me', 'for me', 'me myself']);

/** A colleague by email, or by name as the directory knows them, or "me"; stored as the email. */
export const parsePersonAnswer: AnswerParser = async (raw, { directory, requester }) => {
  const typed = asText(raw);
  if (selfWords.has(normalise(typed))) return ok(requester.email);
  if (z.email().safeParse(typed).success) {
    const person = await directory.findByEmail(typed.toLowerCase());
    return person ? ok(person.email) : invalid(`I could not find ${typed} in the directory. Check the spelling, or type their name.`);
  }
  const name = normalise(typed);
  if (!name) return invalid('Please type their name or email.');
  const people = await directory.list();
  const byName = people.filter((p) => normalise(p.name) === name);
  const candidates = byName.length > 0 ? byName : people.filter((p) => {
    const full = normalise(p.name);
    return ` ${full} `.includes(` ${name} `) || isTypoOf(name, full);
  });
  if (candidates.length === 1) return ok(candidates[0].email);
  if (candidates.length > 1) {
    const listed = candidates.slice(0, 5).map((p) => `${p.name} (${p.email})`).join(', ');
    return invalid(`Several people match "${typed}": ${listed}. Please type the email.`);
  }
  return invalid(`I could not find "${typed}" in the directory. Please type their email.`);
};
