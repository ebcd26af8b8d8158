// 32-bit FNV-1a hashing, so features need no vocabulary of strings: a feature is the hash
// of its text, seeded per feature group so that groups never share an id by design.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function hashSeed(group: string): number {
  return hashString(group, FNV_OFFSET);
}

export function hashString(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = mixChar(hash, text.charCodeAt(i));
  return hash;
}

export function mixChar(hash: number, charCode: number): number {
  return Math.imul(hash ^ charCode, FNV_PRIME) >>> 0;
}

/** Hash of an ordered pair of hashes (for word bigrams). */
export function hashPair(first: number, second: number, seed: number): number {
  let hash = seed;
  hash = Math.imul(hash ^ first, FNV_PRIME) >>> 0;
  hash = Math.imul(hash ^ (first >>> 16), FNV_PRIME) >>> 0;
  hash = Math.imul(hash ^ second, FNV_PRIME) >>> 0;
  hash = Math.imul(hash ^ (second >>> 16), FNV_PRIME) >>> 0;
  return hash;
}
