import type { z } from 'zod';
import { IntegrationError } from '../../src/shared/errors.js';

/** Refuses bad input before any request is made (no path or query injection reaches the wire). */
export function parseInput<S extends z.ZodType>(operation: string, schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ');
    throw new IntegrationError('identity', operation, `refused the input (${problems})`);
  }
  return parsed.data;
}

/** Names of groups, systems and levels: letters, digits and - _ : only. */
export const safeName = /^[A-Za-z0-9][A-Za-z0-9_:-]{0,99}$/;
