import { seededRandom } from './random.js';
import type { SparseMatrix } from './sparse-matrix.js';

export interface BinarySvmOptions {
  /** Squared hinge ('l2') or hinge ('l1') loss. */
  loss: 'l1' | 'l2';
  /** Stopping tolerance on the projected gradient. */
  tolerance: number;
  maxEpochs: number;
  /** Value of the constant feature that stands in for the bias. */
  bias: number;
  /** Gradient above which a row at alpha 0 is shrunk from the start (see below). */
  initialShrinkBound: number;
  seed: number;
}

export interface BinaryProblem {
  matrix: SparseMatrix;
  /** Squared norm of each row, bias included. */
  squaredNorms: Float64Array;
  /** +1 or -1 per row. */
  labels: Int8Array;
  /** Cost C per row. */
  costs: Float64Array;
}

/**
 * Scratch arrays of one solver, reused from one binary problem to the next: a one-vs-rest
 * model solves a problem per class over the same rows, and fresh arrays for each would
 * leave the garbage collector hundreds of megabytes to catch up with.
 */
export class SvmWorkspace {
  /** Single precision halves the memory traffic of the sparse dot products, the bulk of the time. */
  readonly weights: Float32Array;
  readonly alpha: Float64Array;
  readonly diagonal: Float64Array;
  readonly upper: Float64Array;
  readonly qd: Float64Array;
  readonly order: Int32Array;

  constructor(rows: number, columns: number) {
    this.weights = new Float32Array(columns + 1);
    this.alpha = new Float64Array(rows);
    this.diagonal = new Float64Array(rows);
    this.upper = new Float64Array(rows);
    this.qd = new Float64Array(rows);
    this.order = new Int32Array(rows);
  }
}

/**
 * Binary linear SVM by dual coordinate descent with shrinking (Hsieh et al., 2008, the
 * LIBLINEAR solver). Returns the weights, the last entry being the bias weight; with a
 * workspace they are its `weights`, overwritten by the next problem solved in it.
 */
export function trainBinarySvm(
  problem: BinaryProblem,
  options: BinarySvmOptions,
  workspace = new SvmWorkspace(problem.matrix.rowCount, problem.matrix.columnCount),
): Float32Array {
  const { matrix, labels, costs, squaredNorms } = problem;
  const { rowStarts, columns, values } = matrix;
  const rows = matrix.rowCount;
  const biasIndex = matrix.columnCount;
  const { weights, alpha, diagonal, upper, qd, order } = workspace;
  weights.fill(0);
  alpha.fill(0);
  for (let i = 0; i < rows; i++) {
    diagonal[i] = options.loss === 'l2' ? 0.5 / costs[i] : 0;
    upper[i] = options.loss === 'l2' ? Infinity : costs[i];
    qd[i] = diagonal[i] + squaredNorms[i];
  }
  const random = seededRandom(options.seed);
  for (let i = 0; i < rows; i++) order[i] = i;
  let activeSize = rows;
  // Shrinking as in LIBLINEAR, but bolder: from the first epoch, a row whose alpha is 0 and
  // whose gradient exceeds `initialShrinkBound` (a negative far beyond the margin) leaves
  // the active set. Most of the many negatives of a one-vs-rest problem are such rows, and
  // convergence is only accepted after a pass over all rows (where shrunk rows are ones
  // that already meet the optimality conditions), so the tolerance still holds for all.
  let maxOld = options.initialShrinkBound;
  let minOld = -Infinity;

  for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
    let maxNew = -Infinity;
    let minNew = Infinity;
    const fullPass = activeSize === rows;
    for (let s = activeSize - 1; s > 0; s--) {
      const j = Math.floor(random() * (s + 1));
      const swap = order[s];
      order[s] = order[j];
      order[j] = swap;
    }
    for (let s = 0; s < activeSize; s++) {
      const i = order[s];
      const y = labels[i];
      let margin = weights[biasIndex] * options.bias;
      for (let k = rowStarts[i]; k < rowStarts[i + 1]; k++) margin += weights[columns[k]] * values[k];
      const gradient = y * margin - 1 + alpha[i] * diagonal[i];
      let projected = 0;
      if (alpha[i] === 0) {
        if (gradient > maxOld) {
          activeSize--;
          order[s] = order[activeSize];
          order[activeSize] = i;
          s--;
          continue;
        }
        if (gradient < 0) projected = gradient;
      } else if (alpha[i] === upper[i]) {
        if (gradient < minOld) {
          activeSize--;
          order[s] = order[activeSize];
          order[activeSize] = i;
          s--;
          continue;
        }
        if (gradient > 0) projected = gradient;
      } else {
        projected = gradient;
      }
      if (projected > maxNew) maxNew = projected;
      if (projected < minNew) minNew = projected;
      if (Math.abs(projected) > 1e-12) {
        const old = alpha[i];
        const updated = Math.min(Math.max(old - gradient / qd[i], 0), upper[i]);
        alpha[i] = updated;
        const step = (updated - old) * y;
        for (let k = rowStarts[i]; k < rowStarts[i + 1]; k++) weights[columns[k]] += step * values[k];
        weights[biasIndex] += step * options.bias;
      }
    }
    if (maxNew - minNew <= options.tolerance) {
      if (fullPass) break;
      activeSize = rows;
      continue;
    }
    maxOld = maxNew <= 0 ? Infinity : maxNew;
    minOld = minNew >= 0 ? -Infinity : minNew;
  }
  return weights;
}
