import { seededRandom } from './random.js';
import type { SparseVector } from './sparse-vector.js';

/** Word vectors learnt from the training utterances alone: stems and their unit vectors. */
export interface WordEmbedding {
  stems: string[];
  dimensions: number;
  /** Row-major, `vectors[stemIndex * dimensions + k]`. */
  vectors: Float32Array;
}

const MIN_STEM_COUNT = 2;
const POWER_ITERATIONS = 6;
/** Context-distribution smoothing of PPMI (Levy et al., 2015). */
const CONTEXT_SMOOTHING = 0.75;

/**
 * Latent semantic vectors: the positive PMI of stems that share an utterance, projected on
 * its top `dimensions` singular directions by subspace iteration. Stems used in the same
 * kinds of requests ("duration", "long", "arrive") end up close even when they never
 * share an utterance, which lets the linear model generalise past the exact words seen.
 */
export function learnWordEmbedding(utterances: readonly (readonly string[])[], dimensions: number, seed: number): WordEmbedding {
  const counts = new Map<string, number>();
  for (const stems of utterances) for (const s of stems) counts.set(s, (counts.get(s) ?? 0) + 1);
  const stems = [...counts].filter(([, count]) => count >= MIN_STEM_COUNT).map(([s]) => s);
  const dims = Math.min(dimensions, stems.length);
  if (dims === 0) return { stems: [], dimensions: 0, vectors: new Float32Array(0) };
  const indexOf = new Map(stems.map((s, i) => [s, i]));
  const size = stems.length;

  const { rows, columns, values } = positivePmi(utterances, indexOf);
  const multiply = (x: Float64Array): Float64Array => {
    const y = new Float64Array(size * dims);
    for (let e = 0; e < values.length; e++) {
      const a = rows[e] * dims;
      const b = columns[e] * dims;
      const v = values[e];
      for (let k = 0; k < dims; k++) y[a + k] += v * x[b + k];
    }
    return y;
  };
  const random = seededRandom(seed);
  let basis: Float64Array = new Float64Array(size * dims).map(() => random() - 0.5);
  for (let it = 0; it < POWER_ITERATIONS; it++) basis = orthonormalColumns(multiply(basis), size, dims);
  const projected = multiply(basis);
  const vectors = new Float32Array(size * dims);
  for (let i = 0; i < size; i++) {
    let norm = 0;
    for (let k = 0; k < dims; k++) norm += projected[i * dims + k] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < dims; k++) vectors[i * dims + k] = projected[i * dims + k] / norm;
  }
  return { stems, dimensions: dims, vectors };
}

/**
 * Positive PMI of stems sharing an utterance, as coordinate lists sorted by row. Pairs are
 * counted by sorting their keys in one typed array: a map of a million pair counts would
 * cost tens of megabytes and most of the time.
 */
function positivePmi(
  utterances: readonly (readonly string[])[],
  indexOf: Map<string, number>,
): { rows: Int32Array; columns: Int32Array; values: Float64Array } {
  const size = indexOf.size;
  const idsOf = utterances.map((utterance) => {
    const ids: number[] = [];
    for (const s of utterance) {
      const id = indexOf.get(s);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  });
  let pairTotal = 0;
  for (const ids of idsOf) pairTotal += ids.length * (ids.length - 1);
  const keys = new Float64Array(pairTotal);
  const rowTotals = new Float64Array(size);
  let k = 0;
  for (const ids of idsOf) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = 0; j < ids.length; j++) {
        if (i === j) continue;
        keys[k++] = ids[i] * size + ids[j];
        rowTotals[ids[i]]++;
      }
    }
  }
  keys.sort();
  const total = pairTotal;
  const totalSmoothed = total ** (1 - CONTEXT_SMOOTHING);
  const rows: number[] = [];
  const columns: number[] = [];
  const values: number[] = [];
  for (let start = 0; start < keys.length; ) {
    let end = start + 1;
    while (end < keys.length && keys[end] === keys[start]) end++;
    const row = Math.floor(keys[start] / size);
    const column = keys[start] - row * size;
    const count = end - start;
    const pmi = Math.log((count * total) / (rowTotals[row] * rowTotals[column] ** CONTEXT_SMOOTHING * totalSmoothed));
    if (pmi > 0) {
      rows.push(row);
      columns.push(column);
      values.push(pmi);
    }
    start = end;
  }
  return { rows: Int32Array.from(rows), columns: Int32Array.from(columns), values: Float64Array.from(values) };
}

/** Modified Gram-Schmidt over the columns of a row-major matrix, in place. */
function orthonormalColumns(matrix: Float64Array, rows: number, columns: number): Float64Array {
  for (let k = 0; k < columns; k++) {
    for (let p = 0; p < k; p++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += matrix[i * columns + k] * matrix[i * columns + p];
      for (let i = 0; i < rows; i++) matrix[i * columns + k] -= dot * matrix[i * columns + p];
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += matrix[i * columns + k] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < rows; i++) matrix[i * columns + k] /= norm;
  }
  return matrix;
}

/** Looks stems up in an embedding; built once per model. */
export class EmbeddingLookup {
  private readonly indexOf: Map<string, number>;

  constructor(readonly embedding: WordEmbedding) {
    this.indexOf = new Map(embedding.stems.map((s, i) => [s, i]));
  }

  /** Sum of the stems' vectors scaled to L2 norm `weight`, dimension k as feature `ids[k]`. */
  utteranceFeatures(stems: readonly string[], weight: number, ids: Uint32Array): SparseVector {
    const { dimensions, vectors } = this.embedding;
    const sum = new Float64Array(dimensions);
    let found = false;
    for (const s of stems) {
      const index = this.indexOf.get(s);
      if (index === undefined) continue;
      found = true;
      for (let k = 0; k < dimensions; k++) sum[k] += vectors[index * dimensions + k];
    }
    let norm = 0;
    for (let k = 0; k < dimensions; k++) norm += sum[k] ** 2;
    if (!found || norm === 0) return { indices: new Uint32Array(0), values: new Float32Array(0) };
    const scale = weight / Math.sqrt(norm);
    const indices = new Uint32Array(dimensions);
    const values = new Float32Array(dimensions);
    for (let k = 0; k < dimensions; k++) {
      indices[k] = ids[k];
      values[k] = sum[k] * scale;
    }
    return { indices, values };
  }
}
