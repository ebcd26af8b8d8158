import { trainBinarySvm, type BinarySvmOptions } from './linear-svm.js';
import { rowSquaredNorms, type SparseMatrix } from './sparse-matrix.js';

export interface OneVsRestOptions extends BinarySvmOptions {
  /** Cost C of the positive examples of each problem. */
  cost: number;
  /** Multiplier of C for the negatives (below 1 balances 1 positive class against many). */
  negativeCostRatio: number;
  /** Multiplier of C for examples of no class (out-of-scope), negatives in every problem. */
  outOfScopeCostRatio: number;
}

/**
 * One linear SVM per class against all other examples. Rows labelled -1 belong to no
 * class and are negatives in every problem. Returns weights laid out feature-major,
 * `weights[column * classCount + class]`, with the bias weights as the last row.
 */
export function trainOneVsRest(
  matrix: SparseMatrix,
  rowClasses: Int32Array,
  classCount: number,
  options: OneVsRestOptions,
): Float32Array {
  const squaredNorms = rowSquaredNorms(matrix);
  for (let i = 0; i < squaredNorms.length; i++) squaredNorms[i] += options.bias * options.bias;
  const weights = new Float32Array((matrix.columnCount + 1) * classCount);
  const labels = new Int8Array(matrix.rowCount);
  const costs = new Float64Array(matrix.rowCount);
  for (let c = 0; c < classCount; c++) {
    for (let i = 0; i < matrix.rowCount; i++) {
      const rowClass = rowClasses[i];
      labels[i] = rowClass === c ? 1 : -1;
      costs[i] =
        options.cost *
        (rowClass === c ? 1 : rowClass < 0 ? options.outOfScopeCostRatio : options.negativeCostRatio);
    }
    const classWeights = trainBinarySvm({ matrix, squaredNorms, labels, costs }, { ...options, seed: options.seed + c });
    for (let column = 0; column <= matrix.columnCount; column++) {
      weights[column * classCount + c] = classWeights[column];
    }
  }
  return weights;
}
