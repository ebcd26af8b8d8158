import { z } from 'zod';
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

/** The joiner a create-account step describes: the same input for every identity connector. */
export const joinerSchema = z.object({
  name: z.string().trim().regex(/^[\p{L}][\p{L}' .-]{1,99}$/u),
  personalEmail: z.email(),
  department: z.string().max(100).default(''),
  role: z.string().max(100).default(''),
  title: z.string().max(200).default(''),
  managerEmail: z.email(),
  location: z.string().max(100).default(''),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
