import { z } from 'zod';

/**
 * The Direct Line 3.0 wire shapes this endpoint speaks: the subset that Microsoft's Web Chat
 * and botframework-directlinejs use when polling.
 */
const channelAccountSchema = z.object({
  id: z.string().trim().min(1).max(320),
  name: z.string().max(200).optional(),
  role: z.string().max(40).optional(),
});

/** What a client may post. Unknown fields are tolerated (clients add entities and the like) but never stored. */
export const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(40),
  from: channelAccountSchema,
  text: z.string().max(4000).optional(),
  /** An Adaptive Card submit or messageBack: the card's data merged with its inputs. */
  value: z.unknown().optional(),
  locale: z.string().max(40).optional(),
  localTimestamp: z.string().max(60).optional(),
  textFormat: z.string().max(20).optional(),
  channelData: z.looseObject({ clientActivityID: z.string().max(200).optional() }).optional(),
});

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

export const conversationParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const watermarkQuerySchema = z.object({
  watermark: z.string().regex(/^\d{0,15}$/, 'must be a number').optional(),
});

export const startConversationBodySchema = z.object({
  user: z.object({ id: z.string().max(320).optional(), name: z.string().max(200).optional() }).optional(),
  locale: z.string().max(40).optional(),
}).nullish();

export const tokenRequestBodySchema = z.object({
  user: z.object({ id: z.string().max(320).optional(), name: z.string().max(200).optional() }).optional(),
}).nullish();

export const conversationResponseSchema = z.object({
  conversationId: z.string(),
  token: z.string(),
  expires_in: z.number().int(),
});

export const activitySetSchema = z.object({
  activities: z.array(z.record(z.string(), z.unknown())),
  watermark: z.string(),
});

export const resourceResponseSchema = z.object({ id: z.string() });

export const errorResponseSchema = z.object({
  error: z.string(),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.string()).optional(),
});
