import type { Reply } from '../../messages/reply.js';
import { renderAdaptive } from '../../../cards/render-adaptive.js';

/** Who the web chat shows as the other side of every conversation. */
export const botAccount = { id: 'frontdoor', name: 'Frontdoor', role: 'bot' } as const;

/** The engine's replies as Direct Line message activities from the bot, ready to append. */
export function botActivities(input: { conversationId: string; replies: Reply[]; replyToId?: string; now: number }): Array<Record<string, unknown>> {
  const timestamp = new Date(input.now).toISOString();
  return input.replies.map((reply) => ({
    type: 'message',
    channelId: 'directline',
    conversation: { id: input.conversationId },
    from: { ...botAccount },
    timestamp,
    textFormat: 'markdown',
    ...(input.replyToId ? { replyToId: input.replyToId } : {}),
    ...renderAdaptive(reply),
  }));
}
