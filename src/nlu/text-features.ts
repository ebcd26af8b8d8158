import { hashPair, hashSeed, hashString, mixChar } from './feature-hash.js';
import { concatSparse, logTfNormalised, type SparseVector } from './sparse-vector.js';
import { stem, tokenize } from './tokenize.js';

export interface FeatureOptions {
  /** Shortest and longest character n-gram, taken inside space-padded words. */
  charNgramMin: number;
  charNgramMax: number;
  /** Weight (L2 norm) of the word n-gram group and of the character n-gram group. */
  wordWeight: number;
  charWeight: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  charNgramMin: 2,
  charNgramMax: 5,
  wordWeight: 1,
  charWeight: 1,
};

const WORD_SEED = hashSeed('word');
const BIGRAM_SEED = hashSeed('bigram');
const CHAR_SEED = hashSeed('char');
const SPACE = 32;

/**
 * Features of one utterance: stemmed word unigrams and bigrams, and character n-grams of
 * each padded word. Each group is weighted 1 + ln(tf) and L2-normalised on its own, so a
 * long sentence does not drown the word features in character n-grams. Features are
 * 32-bit hashes, so no vocabulary of strings is kept.
 */
export function textFeatures(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): SparseVector {
  const tokens = tokenize(text);
  return concatSparse([
    logTfNormalised(wordCounts(tokens), options.wordWeight),
    logTfNormalised(charCounts(tokens, options), options.charWeight),
  ]);
}

function wordCounts(tokens: readonly string[]): Map<number, number> {
  const counts = new Map<number, number>();
  let previous = 0;
  for (let i = 0; i < tokens.length; i++) {
    const hash = hashString(stem(tokens[i]), WORD_SEED);
    increment(counts, hash);
    if (i > 0) increment(counts, hashPair(previous, hash, BIGRAM_SEED));
    previous = hash;
  }
  return counts;
}

function charCounts(tokens: readonly string[], options: FeatureOptions): Map<number, number> {
  const counts = new Map<number, number>();
  const codes: number[] = [];
  for (const token of tokens) {
    codes.length = 0;
    codes.push(SPACE);
    for (let i = 0; i < token.length; i++) codes.push(token.charCodeAt(i));
    codes.push(SPACE);
    for (let start = 0; start < codes.length; start++) {
      let hash = CHAR_SEED;
      const end = Math.min(codes.length, start + options.charNgramMax);
      for (let i = start; i < end; i++) {
        hash = mixChar(hash, codes[i]);
        if (i - start + 1 >= options.charNgramMin) increment(counts, hash);
      }
    }
  }
  return counts;
}

function increment(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
