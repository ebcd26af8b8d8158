/** The q-quantile (0..1) of `values` by nearest rank; 0 for none. */
export function quantile(values: number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The 1-minute load average, for reading noisy figures on a shared machine. */
export async function loadAverage(): Promise<number[]> {
  const { loadavg } = await import('node:os');
  return loadavg().map((v) => round(v, 2));
}
