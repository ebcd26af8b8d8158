import type { Option } from '../catalog/schema.js';

/** Lower-case, punctuation to spaces, single spaces: "Adobe  Photoshop!" -> "adobe photoshop". */
export function normalise(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9@.+-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function namesOf(option: Option): string[] {
  return [option.value, option.label, ...option.synonyms].map(normalise).filter((n) => n.length > 0);
}

function containsWords(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}

/**
 * The option a person meant: by exact name, by its number in the list, by a whole-word part
 * of its name ("photoshop"), or by a name within a couple of typos ("photshop").
 * Undefined when nothing or more than one option fits.
 */
export function matchOption(text: string, options: readonly Option[]): Option | undefined {
  const typed = normalise(text);
  if (!typed) return undefined;
  const exact = options.filter((o) => namesOf(o).includes(typed));
  if (exact.length === 1) return exact[0];
  if (/^\d+$/.test(typed) && !options.some((o) => namesOf(o).includes(typed))) {
    const index = Number(typed) - 1;
    if (index >= 0 && index < options.length) return options[index];
  }
  const partial = options.filter((o) => namesOf(o).some((n) => containsWords(n, typed) || (typed.length >= 4 && containsWords(typed, n))));
  if (partial.length === 1) return partial[0];
  const scored = options.map((o) => ({ option: o, distance: Math.min(...namesOf(o).map((n) => closeness(typed, n))) }))
    .filter((s) => s.distance <= tolerance(typed))
    .sort((a, b) => a.distance - b.distance);
  if (scored.length === 0) return undefined;
  if (scored.length > 1 && scored[1].distance === scored[0].distance) return undefined;
  return scored[0].option;
}

/** Distance to the whole name or to its best-matching word run of the same length. */
function closeness(typed: string, name: string): number {
  let best = editDistance(typed, name);
  const nameWords = name.split(' ');
  const typedWords = typed.split(' ').length;
  for (let i = 0; i + typedWords <= nameWords.length; i++) {
    best = Math.min(best, editDistance(typed, nameWords.slice(i, i + typedWords).join(' ')));
  }
  return best;
}

function tolerance(typed: string): number {
  if (typed.length < 4) return 0;
  return typed.length < 8 ? 1 : 2;
}
