import { hashPair, hashSeed, hashString, mixChar } from './feature-hash.js';
import { concatSparse, logTfNormalised, type SparseVector } from './sparse-vector.js';
import { stem, tokenize } from './tokenize.js';
import type { EmbeddingLookup } from './word-embedding.js';

export interface FeatureOptions {
  /** Shortest and longest character n-gram, taken inside space-padded words. */
  charNgramMin: number;
  charNgramMax: number;
  /** Weight (L2 norm) of the word n-gram group and of the character n-gram group. */
  wordWeight: number;
  charWeight: number;
  /** Size of the word vectors learnt from the training data (0: none) and their group's weight. */
  embeddingDimensions: number;
  embeddingWeight: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  charNgramMin: 2,
  charNgramMax: 5,
  wordWeight: 1,
  charWeight: 1,
  embeddingDimensions: 100,
  embeddingWeight: 0.7,
};

const WORD_SEED = hashSeed('word');
const BIGRAM_SEED = hashSeed('bigram');
const CHAR_SEED = hashSeed('char');
const EMBEDDING_SEED = hashSeed('embedding');
const embeddingIds: number[] = [];

/** Feature ids of the word-vector dimensions, the only features that are not counts. */
export function embeddingFeatureIds(dimensions: number): Uint32Array {
  for (let k = embeddingIds.length; k < dimensions; k++) embeddingIds.push(hashString(String(k), EMBEDDING_SEED));
  return Uint32Array.from(embeddingIds.slice(0, dimensions));
}
const SPACE = 32;

/**
 * Features of one utterance: stemmed word unigrams and bigrams, character n-grams of
 * each padded word, and (given an embedding) the sum of its words' vectors. Each group
 * is weighted 1 + ln(tf) and L2-normalised on its own, so a long sentence does not drown
 * the word features in character n-grams. Features are 32-bit hashes, so no vocabulary
 * of strings is kept for them.
 */
export function textFeatures(
  text: string,
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
  embedding?: EmbeddingLookup,
): SparseVector {
  const tokens = tokenize(text);
  return tokenFeatures(tokens, tokens.map(stem), options, embedding);
}

/** `textFeatures` of a text already split into tokens and their stems. */
export function tokenFeatures(
  tokens: readonly string[],
  stems: readonly string[],
  options: FeatureOptions,
  embedding?: EmbeddingLookup,
): SparseVector {
  const groups = [
    logTfNormalised(wordCounts(stems), options.wordWeight),
    logTfNormalised(charCounts(tokens, options), options.charWeight),
  ];
  if (embedding && embedding.embedding.dimensions > 0 && options.embeddingWeight > 0) {
    const ids = embeddingFeatureIds(embedding.embedding.dimensions);
    groups.push(embedding.utteranceFeatures(stems, options.embeddingWeight, ids));
  }
  return concatSparse(groups);
}

/** Feature ids of the word unigrams and bigrams of these utterances (their stems). */
export function wordFeatureIds(stemmedUtterances: ReadonlyArray<readonly string[]>): Set<number> {
  const ids = new Set<number>();
  for (const stems of stemmedUtterances) for (const id of wordCounts(stems).keys()) ids.add(id);
  return ids;
}

function wordCounts(stems: readonly string[]): Map<number, number> {
  const counts = new Map<number, number>();
  let previous = 0;
  for (let i = 0; i < stems.length; i++) {
    const hash = hashString(stems[i], WORD_SEED);
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
