import { describe, expect, it } from 'vitest';
import { EmbeddingLookup, learnWordEmbedding } from '../../src/nlu/word-embedding.js';

function cosine(embedding: ReturnType<typeof learnWordEmbedding>, a: string, b: string): number {
  const { stems, dimensions, vectors } = embedding;
  const i = stems.indexOf(a);
  const j = stems.indexOf(b);
  let dot = 0;
  for (let k = 0; k < dimensions; k++) dot += vectors[i * dimensions + k] * vectors[j * dimensions + k];
  return dot;
}

describe('word vectors learnt from the training utterances', () => {
  const utterances: string[][] = [];
  for (let i = 0; i < 20; i++) {
    utterances.push(['how', 'long', 'until', 'my', 'new', 'card', 'arriv']);
    utterances.push(['what', 'is', 'the', 'durat', 'until', 'my', 'new', 'card', 'arriv']);
    utterances.push(['play', 'a', 'song', 'by', 'the', 'beatl']);
    utterances.push(['put', 'on', 'some', 'music', 'by', 'the', 'beatl']);
  }

  it('When two words are used in the same kind of request, then their vectors are closer than to unrelated words', () => {
    const embedding = learnWordEmbedding(utterances, 8, 1);
    expect(cosine(embedding, 'long', 'durat')).toBeGreaterThan(cosine(embedding, 'long', 'music'));
    expect(cosine(embedding, 'song', 'music')).toBeGreaterThan(cosine(embedding, 'song', 'durat'));
  });

  it('When an utterance has no known word, then it gets no vector features', () => {
    const lookup = new EmbeddingLookup(learnWordEmbedding(utterances, 8, 1));
    const ids = Uint32Array.from({ length: 8 }, (_, k) => k);
    expect(lookup.utteranceFeatures(['zzz'], 1, ids).indices).toHaveLength(0);
    const known = lookup.utteranceFeatures(['song', 'beatl'], 0.5, ids);
    expect(Math.hypot(...known.values)).toBeCloseTo(0.5, 5);
  });

  it('When there are too few utterances to learn from, then the embedding is empty', () => {
    expect(learnWordEmbedding([['just', 'once']], 8, 1).dimensions).toBe(0);
  });
});
