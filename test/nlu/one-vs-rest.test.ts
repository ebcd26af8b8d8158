import { describe, expect, it } from 'vitest';
import { HelperThread } from '../../src/nlu/helper-thread.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/nlu/intent-classifier.js';
import { trainOneVsRest } from '../../src/nlu/one-vs-rest.js';
import { SparseMatrixBuilder } from '../../src/nlu/sparse-matrix.js';
import { textFeatures } from '../../src/nlu/text-features.js';
import { IT_REQUESTS } from './it-requests.fixture.js';

function buildTrainingMatrix() {
  const builder = new SparseMatrixBuilder(IT_REQUESTS.length);
  const vectors = IT_REQUESTS.map((example) => textFeatures(example.text));
  for (const vector of vectors) builder.addRow(vector);
  const intents = [...new Set(IT_REQUESTS.map((example) => example.intent))].sort();
  const rowClasses = Int32Array.from(IT_REQUESTS, (example) => intents.indexOf(example.intent));
  return { ...builder.finish(), vectors, intents, rowClasses };
}

const svmOptions = { ...DEFAULT_TRAIN_OPTIONS, bias: 1 };

describe('one-vs-rest training over a matrix built row by row', () => {
  it('When rows are added one at a time, then each row reads back as its features', () => {
    const { matrix, featureHashes, vectors } = buildTrainingMatrix();
    expect(matrix.rowCount).toBe(IT_REQUESTS.length);
    vectors.forEach((vector, row) => {
      const start = matrix.rowStarts[row];
      const end = matrix.rowStarts[row + 1];
      expect(Array.from(matrix.columns.subarray(start, end), (column) => featureHashes[column])).toEqual(Array.from(vector.indices));
      expect(Array.from(matrix.values.subarray(start, end))).toEqual(Array.from(vector.values));
    });
    expect(new Set(featureHashes).size).toBe(featureHashes.length);
  });

  it('When a helper thread shares the classes, then the weights are those trained on one thread', async () => {
    const { matrix, intents, rowClasses } = buildTrainingMatrix();
    const alone = trainOneVsRest(matrix, rowClasses, intents.length, svmOptions);
    const helper = HelperThread.start();
    try {
      // Give the helper time to start, so that it takes classes rather than finding none left.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const shared = trainOneVsRest(matrix, rowClasses, intents.length, svmOptions, helper);
      expect(Array.from(shared)).toEqual(Array.from(alone));
    } finally {
      helper?.stop();
    }
    expect(alone.some((weight) => weight !== 0)).toBe(true);
  });
});
