/** Rows of sparse vectors over compact column ids (compressed sparse rows). */
export interface SparseMatrix {
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowStarts: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float32Array;
}

export function rowSquaredNorms(matrix: SparseMatrix): Float64Array {
  const norms = new Float64Array(matrix.rowCount);
  for (let row = 0; row < matrix.rowCount; row++) {
    let sum = 0;
    for (let k = matrix.rowStarts[row]; k < matrix.rowStarts[row + 1]; k++) sum += matrix.values[k] ** 2;
    norms[row] = sum;
  }
  return norms;
}
