import type { SparseVector } from './sparse-vector.js';

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

/** Typed arrays over shared memory, so worker threads read them without a copy. */
export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

/** A SharedArrayBuffer that can grow in place (ES2024; typed here as lib ES2023 lacks it). */
interface GrowableSharedArrayBuffer extends SharedArrayBuffer {
  readonly growable: boolean;
  readonly maxByteLength: number;
  grow(byteLength: number): void;
}
type GrowableSharedArrayBufferConstructor = new (byteLength: number, options: { maxByteLength: number }) => GrowableSharedArrayBuffer;

/** Address space reserved per growable array; only the pages written to take memory. */
const RESERVED_BYTES = 2 ** 31;
const INITIAL_ENTRIES = 1 << 16;

function growableBuffer(byteLength: number): SharedArrayBuffer {
  try {
    return new (SharedArrayBuffer as unknown as GrowableSharedArrayBufferConstructor)(byteLength, { maxByteLength: RESERVED_BYTES });
  } catch {
    return new SharedArrayBuffer(byteLength);
  }
}

/** Room for at least `length` entries: grown in place when it can be, else copied. */
function withRoom<T extends Int32Array | Float32Array>(view: T, length: number, make: (buffer: SharedArrayBuffer) => T): T {
  if (length <= view.length) return view;
  const byteLength = Math.max(length, view.length * 2) * view.BYTES_PER_ELEMENT;
  const buffer = view.buffer as GrowableSharedArrayBuffer;
  if (buffer.growable && byteLength <= buffer.maxByteLength) {
    buffer.grow(byteLength);
    return make(buffer);
  }
  const grown = make(new SharedArrayBuffer(byteLength));
  grown.set(view);
  return grown;
}

/**
 * Builds a matrix one row at a time, so the feature vectors of all rows are never alive
 * together: each row's hashed features get compact column ids on first sight and are
 * appended to shared arrays that grow in place, so nothing is copied at the end.
 */
export class SparseMatrixBuilder {
  private readonly columnOfHash = new Map<number, number>();
  private readonly hashes: number[] = [];
  private columns = new Int32Array(growableBuffer(INITIAL_ENTRIES * Int32Array.BYTES_PER_ELEMENT));
  private values = new Float32Array(growableBuffer(INITIAL_ENTRIES * Float32Array.BYTES_PER_ELEMENT));
  private readonly rowStarts: Int32Array;
  private rowCount = 0;
  private nonZeros = 0;

  constructor(private readonly expectedRows: number) {
    this.rowStarts = sharedInt32(expectedRows + 1);
  }

  addRow(vector: SparseVector): void {
    if (this.rowCount === this.expectedRows) throw new Error(`More than the ${this.expectedRows} rows announced`);
    const end = this.nonZeros + vector.indices.length;
    this.columns = withRoom(this.columns, end, (buffer) => new Int32Array(buffer));
    this.values = withRoom(this.values, end, (buffer) => new Float32Array(buffer));
    for (let j = 0; j < vector.indices.length; j++) {
      const hash = vector.indices[j];
      let column = this.columnOfHash.get(hash);
      if (column === undefined) {
        column = this.hashes.length;
        this.columnOfHash.set(hash, column);
        this.hashes.push(hash);
      }
      this.columns[this.nonZeros] = column;
      this.values[this.nonZeros] = vector.values[j];
      this.nonZeros++;
    }
    this.rowCount++;
    this.rowStarts[this.rowCount] = this.nonZeros;
  }

  /** The matrix (in shared memory) and the feature hash of each column; the builder is spent. */
  finish(): { matrix: SparseMatrix; featureHashes: Uint32Array } {
    if (this.rowCount !== this.expectedRows) throw new Error(`${this.rowCount} rows added, ${this.expectedRows} announced`);
    this.columnOfHash.clear();
    const featureHashes = Uint32Array.from(this.hashes);
    this.hashes.length = 0;
    return {
      matrix: {
        rowCount: this.rowCount,
        columnCount: featureHashes.length,
        rowStarts: this.rowStarts,
        columns: this.columns.subarray(0, this.nonZeros),
        values: this.values.subarray(0, this.nonZeros),
      },
      featureHashes,
    };
  }
}
