import { z } from 'zod';
import type { CardChange } from '../messages/card-change.js';
import type { Reply } from '../messages/reply.js';

/** What an outbox row carries: messages for the person, or a change to a card they hold. */
export type OutboxPayload = { replies: Reply[] } | { cardChange: CardChange };

// The rows were written by this code (`enqueue`, `enqueueCardChange`); the check only tells the
// two kinds apart and keeps a malformed row from reaching a channel.
const payloadSchema = z.union([
  z.object({ cardChange: z.object({ kind: z.literal('card-changed'), card: z.object({ kind: z.literal('approval'), approvalId: z.string() }).loose(), tell: z.boolean() }) }),
  z.object({ replies: z.array(z.object({ kind: z.string() }).loose()) }),
]);

/** The row's payload, or undefined when it is neither kind (then it is never delivered). */
export function readOutboxPayload(payload: unknown): OutboxPayload | undefined {
  const parsed = payloadSchema.safeParse(payload);
  return parsed.success ? (parsed.data as OutboxPayload) : undefined;
}
