import { describe, expect, it } from 'vitest';
import { SvmWorkspace, trainBinarySvm, type BinaryProblem, type BinarySvmOptions } from '../../src/nlu/linear-svm.js';

const BIAS = 1;
const exact: BinarySvmOptions = { loss: 'l1', tolerance: 1e-6, maxEpochs: 10_000, bias: BIAS, initialShrinkBound: Infinity, seed: 7 };

/** Dense rows as the solver's sparse problem, every row at cost `cost`. */
function problemOf(rows: number[][], labels: number[], cost: number): BinaryProblem {
  const rowStarts = new Int32Array(rows.length + 1);
  const columns: number[] = [];
  const values: number[] = [];
  rows.forEach((row, i) => {
    row.forEach((v, column) => {
      if (v !== 0) {
        columns.push(column);
        values.push(v);
      }
    });
    rowStarts[i + 1] = columns.length;
  });
  return {
    matrix: { rowCount: rows.length, columnCount: rows[0].length, rowStarts, columns: Int32Array.from(columns), values: Float32Array.from(values) },
    squaredNorms: Float64Array.from(rows.map((row) => row.reduce((sum, v) => sum + v * v, BIAS * BIAS))),
    labels: Int8Array.from(labels),
    costs: new Float64Array(rows.length).fill(cost),
  };
}

/** y * (w·x + b) of each row. */
function margins(rows: number[][], labels: number[], weights: Float32Array): number[] {
  const bias = weights[rows[0].length] * BIAS;
  return rows.map((row, i) => labels[i] * row.reduce((sum, v, j) => sum + v * weights[j], bias));
}

const norm = (weights: Float32Array, columns: number) => Math.hypot(...weights.subarray(0, columns));

// Two clouds on either side of the line x + y = 0.
const separable = [
  [2, 2],
  [3, 1],
  [2.5, 3],
  [1, 3],
  [-2, -1],
  [-1, -3],
  [-3, -2],
  [-2.5, -0.5],
];
const separableLabels = [1, 1, 1, 1, -1, -1, -1, -1];

describe('binary linear SVM (dual coordinate descent)', () => {
  it.each(['l1', 'l2'] as const)('When the data is separable (%s loss), then every row is on its side of the boundary with a margin of about 1', (loss) => {
    const weights = trainBinarySvm(problemOf(separable, separableLabels, 100), { ...exact, loss });
    for (const margin of margins(separable, separableLabels, weights)) expect(margin).toBeGreaterThan(0.99);
  });

  it('When the data is separable and C is large, then the boundary is the widest one (the hard margin)', () => {
    // Points at -2 and +2 on one axis: the widest margin puts the boundary at 0 with |w| = 1/2.
    const rows = [[2], [2], [-2], [-2]];
    const labels = [1, 1, -1, -1];
    const weights = trainBinarySvm(problemOf(rows, labels, 1000), exact);
    expect(weights[0]).toBeCloseTo(0.5, 3);
    expect(weights[1]).toBeCloseTo(0, 3);
    // Moved twice as far apart, the margin doubles and the weight halves.
    const far = trainBinarySvm(
      problemOf(
        rows.map(([x]) => [2 * x]),
        labels,
        1000,
      ),
      exact,
    );
    expect(far[0]).toBeCloseTo(0.25, 3);
  });

  it('When C is smaller, then the weights are smaller (more regularised), and bounded by C times the data', () => {
    // Overlapping classes: no boundary fits them all, so C decides how hard it tries.
    const rows = [
      [2, 1],
      [1, 2],
      [1.5, 1.5],
      [-0.5, 0.2],
      [-2, -1],
      [-1, -2],
      [0.3, -0.4],
      [-1.5, -1.5],
    ];
    const labels = [1, 1, 1, 1, -1, -1, -1, -1];
    const norms = [0.001, 0.01, 0.1, 1, 10].map((cost) => {
      const weights = trainBinarySvm(problemOf(rows, labels, cost), exact);
      // w = sum of alpha_i y_i x_i with 0 <= alpha_i <= C (hinge loss).
      const bound = cost * rows.reduce((sum, row) => sum + Math.hypot(...row), 0);
      expect(norm(weights, 2)).toBeLessThanOrEqual(bound + 1e-6);
      return norm(weights, 2);
    });
    for (let i = 1; i < norms.length; i++) expect(norms[i]).toBeGreaterThanOrEqual(norms[i - 1] - 1e-6);
    expect(norms[0]).toBeLessThan(norms.at(-1)! / 10);
  });

  it('When one class costs more, then the boundary moves away from it', () => {
    const rows = [[1], [1], [-1], [-1], [0.2], [-0.2]];
    const labels = [1, 1, -1, -1, -1, 1];
    const balanced = trainBinarySvm(problemOf(rows, labels, 1), exact);
    const positivesCostMore = problemOf(rows, labels, 1);
    labels.forEach((y, i) => {
      if (y > 0) positivesCostMore.costs[i] = 10;
    });
    const weighted = trainBinarySvm(positivesCostMore, exact);
    const boundary = (w: Float32Array) => (-w[1] * BIAS) / w[0];
    expect(boundary(weighted)).toBeLessThan(boundary(balanced));
  });

  it('When trained twice with the same seed, then the weights are identical, in a fresh or a reused workspace', () => {
    const options: BinarySvmOptions = { loss: 'l2', tolerance: 0.1, maxEpochs: 50, bias: BIAS, initialShrinkBound: 0.1, seed: 42 };
    const problem = problemOf(separable, separableLabels, 1);
    const first = Float32Array.from(trainBinarySvm(problem, options));
    const second = Float32Array.from(trainBinarySvm(problem, options));
    expect(second).toEqual(first);
    const workspace = new SvmWorkspace(separable.length, 2);
    trainBinarySvm(
      problemOf(
        separable,
        separableLabels.map((y) => -y),
        5,
      ),
      options,
      workspace,
    );
    expect(Float32Array.from(trainBinarySvm(problem, options, workspace))).toEqual(first);
  });

  it('When the seed differs, then the visiting order differs but the problem is still solved', () => {
    const problem = problemOf(separable, separableLabels, 100);
    for (const seed of [1, 2, 3]) {
      const weights = trainBinarySvm(problem, { ...exact, seed });
      for (const margin of margins(separable, separableLabels, weights)) expect(margin).toBeGreaterThan(0.99);
    }
  });
});
