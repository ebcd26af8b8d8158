// Typed arrays travel in the model JSON as base64 of their little-endian bytes.

export function float32ToBase64(array: Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

export function uint32ToBase64(array: Uint32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

export function float32FromBase64(text: string): Float32Array {
  const bytes = alignedBytes(text, Float32Array.BYTES_PER_ELEMENT);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / Float32Array.BYTES_PER_ELEMENT);
}

export function uint32FromBase64(text: string): Uint32Array {
  const bytes = alignedBytes(text, Uint32Array.BYTES_PER_ELEMENT);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / Uint32Array.BYTES_PER_ELEMENT);
}

function alignedBytes(text: string, elementSize: number): Uint8Array {
  const decoded = Buffer.from(text, 'base64');
  if (decoded.byteLength % elementSize !== 0) {
    throw new Error(`base64 data of ${decoded.byteLength} bytes is not a whole number of ${elementSize}-byte values`);
  }
  // Copy into a fresh buffer: Buffer.from may return a slice of a shared pool at an unaligned offset.
  const copy = new Uint8Array(decoded.byteLength);
  copy.set(decoded);
  return copy;
}
