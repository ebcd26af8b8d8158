/** A sparse vector: parallel arrays of feature ids and values. */
export interface SparseVector {
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

/** Turns feature counts into 1 + ln(tf) weights scaled to the given L2 norm. */
export function logTfNormalised(counts: Map<number, number>, norm: number): SparseVector {
  const indices = new Uint32Array(counts.size);
  const values = new Float32Array(counts.size);
  let sumSquares = 0;
  let k = 0;
  for (const [index, count] of counts) {
    const value = 1 + Math.log(count);
    indices[k] = index;
    values[k] = value;
    sumSquares += value * value;
    k++;
  }
  if (sumSquares > 0) {
    const scale = norm / Math.sqrt(sumSquares);
    for (let i = 0; i < values.length; i++) values[i] *= scale;
  }
  return { indices, values };
}

export function concatSparse(parts: readonly SparseVector[]): SparseVector {
  const length = parts.reduce((sum, part) => sum + part.indices.length, 0);
  const indices = new Uint32Array(length);
  const values = new Float32Array(length);
  let offset = 0;
  for (const part of parts) {
    indices.set(part.indices, offset);
    values.set(part.values, offset);
    offset += part.indices.length;
  }
  return { indices, values };
}

