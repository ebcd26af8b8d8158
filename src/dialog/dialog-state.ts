import { z } from 'zod';

/**
 * Where a guided dialog stands, as plain JSON in the conversation row so a restart carries
 * on. `answers` holds stored values (string, number, boolean, string[], ISO date; null for
 * an optional field the person skipped); `asked` is the order the person answered in, for "back".
 */
export const dialogStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), fieldId: z.string().min(1) }),
  z.object({ kind: z.literal('summary') }),
  z.object({ kind: z.literal('pick-change') }),
]);

export const dialogStateSchema = z.object({
  requestTypeId: z.string().min(1),
  outcomeId: z.string().min(1),
  answers: z.record(z.string(), z.unknown()),
  asked: z.array(z.string()),
  /** Earlier answers taken back by "back" or "change": offered again as the question's value. */
  drafts: z.record(z.string(), z.unknown()).default({}),
  /**
   * Answers of fields hidden while an answer they depend on is being changed ("change the
   * device" hides the asset tag until a device is chosen): given back, not asked again,
   * when the field shows again and the answer still fits.
   */
  parked: z.record(z.string(), z.unknown()).optional(),
  /** Answers not understood in a row; the second one offers the choices or a person instead of the same sentence. */
  misses: z.number().int().nonnegative().optional(),
  step: dialogStepSchema,
});
export type DialogState = z.infer<typeof dialogStateSchema>;
