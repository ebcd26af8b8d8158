import jaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance.js';
import levenshtein from 'natural/lib/natural/distance/levenshtein_distance.js';
import { words as stopWords } from 'natural/lib/natural/util/stopwords.js';
import { stem, tokenize } from './tokenize.js';

export interface FieldOption {
  value: string;
  label: string;
  synonyms?: string[];
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

const STOP_WORDS = new Set(stopWords);
/** Shorter names are matched exactly only: "slack" is one letter away from "black". */
const MIN_FUZZY_LENGTH = 6;
const MIN_JARO_WINKLER = 0.9;

/** Typos tolerated in a name of this many characters. */
function maxEdits(length: number): number {
  return length >= 10 ? 2 : 1;
}

/** The best way an option is mentioned in the text, if at all. */
export function matchOption(textTokens: readonly string[], option: FieldOption): OptionMatch | undefined {
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

function matchPhrase(
  textTokens: readonly string[],
  phraseTokens: readonly string[],
): Omit<OptionMatch, 'value'> | undefined {
  if (phraseTokens.length === 0) return undefined;
  const phrase = phraseTokens.join(' ');
  const phraseStems = phraseTokens.map(stem).join(' ');
  const n = phraseTokens.length;
  for (let start = 0; start + n <= textTokens.length; start++) {
    const window = textTokens.slice(start, start + n);
    if (window.map(stem).join(' ') === phraseStems) return { exact: true, length: phrase.length, start, end: start + n };
  }
  const squashed = phraseTokens.join('');
  if (squashed.length < MIN_FUZZY_LENGTH) return undefined;
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

function isTypoOf(candidate: string, name: string): boolean {
  if (candidate[0] !== name[0]) return false;
  if (Math.abs(candidate.length - name.length) > maxEdits(name.length)) return false;
  if (jaroWinklerDistance(candidate, name) < MIN_JARO_WINKLER) return false;
  return levenshtein.DamerauLevenshteinDistance(candidate, name) <= maxEdits(name.length);
}
