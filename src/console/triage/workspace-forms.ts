import { z } from 'zod';

const text = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((value) => value?.trim() ?? '');
const csrf = { _csrf: z.string().optional() };

export const itemParams = z.object({ id: z.string().min(1).max(100) });

/** Empty text reaches the use case, which says why in the page's words (a 400 page would lose the form). */
export const messageBody = z.object({ text: text(4000), ...csrf });
export const noteBody = z.object({ note: text(4000), ...csrf });
/** An empty intent hands back without one: the employee carries on with the assistant. */
export const handBackBody = z.object({
  intent: z
    .string()
    .max(100)
    .optional()
    .transform((value) => value?.trim() || undefined),
  ...csrf,
});
export const csrfBody = z.object(csrf);
export const linesQuery = z.object({ after: z.coerce.number().int().min(0).max(100_000).default(0) });
