import { describe, expect, it } from 'vitest';
import { trainIntentClassifier } from '../../src/nlu/intent-classifier.js';
import { subtractOutOfScopeScore } from '../../src/nlu/out-of-scope-score.js';
import { IT_REQUESTS } from './it-requests.fixture.js';

describe('the out-of-scope score taken from every intent', () => {
  const withScore = trainIntentClassifier(IT_REQUESTS, { outOfScopeScoreWeight: 0.5 });
  const without = trainIntentClassifier(IT_REQUESTS, { outOfScopeScoreWeight: 0 });

  it('When a text is like the out-of-scope examples, then its best confidence is lower', () => {
    for (const text of ['what will the weather be on friday', 'tell me a funny joke', 'book a table for four']) {
      expect(withScore.classify(text)[0].confidence).toBeLessThan(without.classify(text)[0].confidence);
    }
  });

  it('When a text is classified, then the intents are ranked as without it', () => {
    for (const text of ['i need a new laptop', 'my password expired', 'wifi keeps dropping', 'what is the weather']) {
      expect(withScore.classify(text).map((r) => r.intent)).toEqual(without.classify(text).map((r) => r.intent));
    }
  });

  it('When folded into the weights, then each intent loses the share of the out-of-scope weight, and its bias the level of a clear negative', () => {
    // Two columns (a feature and the bias), two intents and the out-of-scope class.
    const weights = Float32Array.from([1, 2, 4, 0.5, -0.5, -1]);
    const intentWeights = subtractOutOfScopeScore(weights, 2, 0.5, 1);
    expect(Array.from(intentWeights)).toEqual([-1, 0, 0.5, -0.5]);
  });
});
