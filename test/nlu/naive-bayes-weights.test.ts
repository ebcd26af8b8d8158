import { describe, expect, it } from 'vitest';
import { addNaiveBayesWeights } from '../../src/nlu/naive-bayes-weights.js';
import { SparseMatrixBuilder } from '../../src/nlu/sparse-matrix.js';
import { textFeatures } from '../../src/nlu/text-features.js';
import { IT_REQUESTS } from './it-requests.fixture.js';

function naiveBayesOnly(weight: number) {
  const builder = new SparseMatrixBuilder(IT_REQUESTS.length);
  for (const example of IT_REQUESTS) builder.addRow(textFeatures(example.text));
  const { matrix, featureHashes } = builder.finish();
  const intents = [...new Set(IT_REQUESTS.map((example) => example.intent))].sort();
  const rowClasses = Int32Array.from(IT_REQUESTS, (example) => intents.indexOf(example.intent));
  const weights = new Float32Array((matrix.columnCount + 1) * intents.length);
  const countColumns = new Uint8Array(matrix.columnCount).fill(1);
  addNaiveBayesWeights(matrix, rowClasses, intents.length, countColumns, weights, { weight, smoothing: 0.003 });
  const columnOfHash = new Map(Array.from(featureHashes, (hash, column) => [hash, column]));
  const bestIntent = (text: string): string => {
    const features = textFeatures(text);
    const scores = new Float64Array(intents.length);
    features.indices.forEach((hash, k) => {
      const column = columnOfHash.get(hash);
      if (column === undefined) return;
      for (let c = 0; c < intents.length; c++) scores[c] += weights[column * intents.length + c] * features.values[k];
    });
    return intents[scores.indexOf(Math.max(...scores))];
  };
  return { weights, intents, columnCount: matrix.columnCount, bestIntent };
}

describe('naive Bayes folded into linear weights', () => {
  it('When its weights alone score a training example, then the example gets its own intent', () => {
    const { bestIntent } = naiveBayesOnly(0.02);
    const right = IT_REQUESTS.filter((example) => bestIntent(example.text) === example.intent).length;
    expect(right / IT_REQUESTS.length).toBeGreaterThan(0.9);
  });

  it('When it adds to the weights, then each feature adds as much to some intents as it takes from the others', () => {
    const { weights, intents, columnCount } = naiveBayesOnly(0.02);
    let largest = 0;
    for (let column = 0; column < columnCount; column++) {
      let sum = 0;
      for (let c = 0; c < intents.length; c++) {
        sum += weights[column * intents.length + c];
        largest = Math.max(largest, Math.abs(weights[column * intents.length + c]));
      }
      expect(Math.abs(sum)).toBeLessThan(1e-5);
    }
    expect(largest).toBeGreaterThan(0);
  });

  it('When its weight is 0, then the weights are left as they are', () => {
    const { weights } = naiveBayesOnly(0);
    expect(weights.every((w) => w === 0)).toBe(true);
  });
});
