import { z } from 'zod';

/**
 * The Bot Framework activities Teams sends to /api/messages, as far as Frontdoor reads them.
 * Teams adds fields over time, so objects are loose; what is read is bounded and typed.
 */
const account = z.looseObject({
  id: z.string().min(1).max(300),
  name: z.string().max(300).optional(),
  aadObjectId: z.string().max(100).optional(),
  role: z.string().max(40).optional(),
});

const conversation = z.looseObject({
  id: z.string().min(1).max(500),
  conversationType: z.string().max(40).optional(),
  tenantId: z.string().max(100).optional(),
  isGroup: z.boolean().optional(),
});

const channelData = z.looseObject({
  tenant: z.looseObject({ id: z.string().max(100) }).optional(),
  team: z.looseObject({ id: z.string().max(300), name: z.string().max(300).optional() }).optional(),
  channel: z.looseObject({ id: z.string().max(300), name: z.string().max(300).optional() }).optional(),
  eventType: z.string().max(100).optional(),
});

export const teamsActivitySchema = z.looseObject({
  type: z.string().min(1).max(40),
  id: z.string().max(300).optional(),
  name: z.string().max(100).optional(),
  serviceUrl: z.url().max(500),
  channelId: z.string().max(40),
  from: account,
  recipient: account.partial().optional(),
  conversation,
  text: z.string().max(28_000).optional(),
  value: z.unknown().optional(),
  replyToId: z.string().max(300).optional(),
  action: z.string().max(40).optional(),
  membersAdded: z.array(account.partial()).max(500).optional(),
  entities: z
    .array(z.looseObject({ type: z.string().max(100) }))
    .max(50)
    .optional(),
  channelData: channelData.optional(),
});

export type TeamsActivity = z.infer<typeof teamsActivitySchema>;

/** Just enough to hand the activity to the authentication check: an object with a type. */
export const activityEnvelopeSchema = z.looseObject({
  type: z.string().min(1).max(40),
  serviceUrl: z.string().max(500).optional(),
  channelId: z.string().max(40).optional(),
});

/** The tenant the activity comes from: the conversation's, or the channel data's. */
export function tenantOf(activity: TeamsActivity): string | undefined {
  return (activity.conversation.tenantId ?? activity.channelData?.tenant?.id)?.toLowerCase();
}

/** A one-to-one chat with the bot. */
export function isPersonal(activity: TeamsActivity): boolean {
  return activity.conversation.conversationType === 'personal' || (!activity.conversation.isGroup && !activity.channelData?.team);
}

/** The text without the bot's @mention (`<at>Frontdoor</at>`), trimmed. */
export function textWithoutMentions(activity: TeamsActivity): string {
  return (activity.text ?? '')
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
