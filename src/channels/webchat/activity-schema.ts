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

/**
 * An Adaptive Card submit or messageBack: the card's data merged with its inputs. Short
 * string (or number, yes/no) values under a few known-length keys; the action id is checked
 * against the shared ones when the turn is built.
 */
const cardSubmitSchema = z.record(z.string().min(1).max(60), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((v) => Object.keys(v).length <= 30, 'has too many values');

/**
 * What a client may post: the fields Microsoft's Web Chat sends, nothing else. Only the text,
 * the card values and a few of these are stored (the echo), and only for messages.
 */
export const incomingActivitySchema = z.strictObject({
  type: z.string().min(1).max(40),
  id: z.string().max(200).optional(),
  from: channelAccountSchema,
  text: z.string().max(4000).optional(),
  value: cardSubmitSchema.nullish(),
  locale: z.string().max(40).optional(),
  localTimestamp: z.string().max(60).optional(),
  localTimezone: z.string().max(60).optional(),
  timestamp: z.string().max(60).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  channelId: z.string().max(40).optional(),
  conversation: z.object({ id: z.string().max(100) }).optional(),
  recipient: channelAccountSchema.partial().optional(),
  replyToId: z.string().max(200).optional(),
  /** Web Chat's client capabilities and the like: read by nobody, never stored. */
  entities: z.array(z.looseObject({ type: z.string().max(60) })).max(5).optional(),
  /** File uploads are not taken. */
  attachments: z.array(z.unknown()).max(0, 'attachments are not accepted').optional(),
  channelData: z.strictObject({
    clientActivityID: z.string().max(200).optional(),
    clientTimestamp: z.string().max(60).optional(),
    attachmentSizes: z.array(z.number()).max(0).optional(),
    /** Set by Web Chat on an Adaptive Card submit or a messageBack. */
    postBack: z.boolean().optional(),
    messageBack: z.boolean().optional(),
  }).optional(),
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
