import { words as stopWords } from 'natural/lib/natural/util/stopwords.js';
import { stem, tokenize } from './tokenize.js';

/**
 * The one matcher for options (and names): a whole answer to a question (`matchAnswer`),
 * an option mentioned inside a longer text (`matchMention`), and a person's name all
 * tolerate typos by the same rule, `isTypoOf`.
 */

export interface FieldOption {
  value: string;
  label: string;
  synonyms?: readonly string[];
}

export interface OptionMatch {
  value: string;
  /** Exact (up to stemming) rather than a tolerated typo. */
  exact: boolean;
  /** Length in characters of the phrase that matched; longer phrases are more specific. */
  length: number;
  /** The matched words: tokens start..end-1 of the text. */
  start: number;
  end: number;
}

/** Lower-case, accents and punctuation off, single spaces: "Adobe  Photoshop!" -> "adobe photoshop". */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9@.+-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Typos between two texts: letters inserted, deleted or replaced, or two neighbours swapped (each counts one). */
export function typoDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const replace = rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, replace);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}

/**
 * The one tolerance rule: names under 5 letters must be typed exactly ("slack" is one
 * letter from "black", "jira" from "hire"), names of 5 to 9 letters allow one typo, longer
 * ones two. Spaces do not count as letters.
 */
export function typosAllowed(name: string): number {
  const letters = name.replace(/\s+/g, '').length;
  if (letters < 5) return 0;
  return letters < 10 ? 1 : 2;
}

/**
 * True when `typed` is `name` with no more typos than the rule allows. The first letter
 * must be right: people seldom mistype it, and ordinary words one letter from a name
 * ("black" and "slack") would match otherwise.
 */
export function isTypoOf(typed: string, name: string): boolean {
  if (typed === name) return true;
  const allowed = typosAllowed(name);
  if (allowed === 0 || typed[0] !== name[0]) return false;
  if (Math.abs(typed.length - name.length) > allowed) return false;
  return typoDistance(typed, name) <= allowed;
}

function namesOf(option: FieldOption): string[] {
  return [option.value, option.label, ...(option.synonyms ?? [])].map(normalise).filter((n) => n.length > 0);
}

function containsWords(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}

/**
 * The option a whole answer names: by exact name, by its number in the list, by a
 * whole-word part of its name ("photoshop"), or by a name (or a run of its words) within
 * the typos the rule allows ("photshop"). Undefined when nothing or more than one option fits.
 */
export function matchAnswer<T extends FieldOption>(text: string, options: readonly T[]): T | undefined {
  const typed = normalise(text);
  if (!typed) return undefined;
  const exact = options.filter((o) => namesOf(o).includes(typed));
  if (exact.length === 1) return exact[0];
  if (/^\d+$/.test(typed) && exact.length === 0) {
    const index = Number(typed) - 1;
    if (index >= 0 && index < options.length) return options[index];
  }
  const partial = options.filter((o) => namesOf(o).some((n) => containsWords(n, typed) || (typed.length >= 4 && containsWords(typed, n))));
  if (partial.length === 1) return partial[0];
  const near = options
    .map((option) => ({ option, typos: fewestTypos(typed, option) }))
    .filter((n) => n.typos !== undefined)
    .sort((a, b) => (a.typos as number) - (b.typos as number));
  if (near.length > 1 && near[1].typos === near[0].typos) return undefined;
  return near[0]?.option;
}

/** The fewest typos between what was typed and one of the option's names (or a run of its words), when within the rule. */
function fewestTypos(typed: string, option: FieldOption): number | undefined {
  const runs = namesOf(option)
    .flatMap((name) => wordRuns(name, typed))
    .filter((run) => isTypoOf(typed, run));
  return runs.length ? Math.min(...runs.map((run) => typoDistance(typed, run))) : undefined;
}

/** The name and each run of its words as long (in words) as what was typed. */
function wordRuns(name: string, typed: string): string[] {
  const nameWords = name.split(' ');
  const size = typed.split(' ').length;
  const runs = [name];
  for (let i = 0; i + size <= nameWords.length; i++) runs.push(nameWords.slice(i, i + size).join(' '));
  return runs;
}

const STOP_WORDS = new Set(stopWords);

/** The best way an option is mentioned in a longer text (its tokens), if at all. */
export function matchMention(textTokens: readonly string[], option: FieldOption): OptionMatch | undefined {
  let best: OptionMatch | undefined;
  for (const phrase of [option.label, ...(option.synonyms ?? [])]) {
    const match = matchPhrase(textTokens, tokenize(phrase));
    if (match && (!best || isBetter({ value: option.value, ...match }, best))) best = { value: option.value, ...match };
  }
  return best;
}

export function isBetter(a: OptionMatch, b: OptionMatch): boolean {
  if (a.exact !== b.exact) return a.exact;
  return a.length > b.length;
}

/** True when `inner` was matched on words that `outer` also covers ("adobe" in "adobe acrobat"). */
export function isWithin(inner: OptionMatch, outer: OptionMatch): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function matchPhrase(textTokens: readonly string[], phraseTokens: readonly string[]): Omit<OptionMatch, 'value'> | undefined {
  if (phraseTokens.length === 0) return undefined;
  const phrase = phraseTokens.join(' ');
  const phraseStems = phraseTokens.map(stem).join(' ');
  const n = phraseTokens.length;
  for (let start = 0; start + n <= textTokens.length; start++) {
    const window = textTokens.slice(start, start + n);
    if (window.map(stem).join(' ') === phraseStems) return { exact: true, length: phrase.length, start, end: start + n };
  }
  const squashed = phraseTokens.join('');
  if (typosAllowed(squashed) === 0) return undefined;
  // Also compare windows one word longer or shorter, for "photo shop" against "photoshop".
  for (const size of [n, n + 1, n - 1]) {
    if (size < 1) continue;
    for (let start = 0; start + size <= textTokens.length; start++) {
      const window = textTokens.slice(start, start + size);
      if (window.every((token) => STOP_WORDS.has(token))) continue;
      if (isTypoOf(window.join(''), squashed)) return { exact: false, length: phrase.length, start, end: start + size };
    }
  }
  return undefined;
}
