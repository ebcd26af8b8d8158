import type { ChannelDelivery } from '../../notify/notifier.js';
import type { Reply } from '../../messages/reply.js';
import type { Store } from '../../store/store.js';
import { botActivities } from './reply-activities.js';

/**
 * Proactive messages (approval requests, status changes) through the web chat: appended to
 * the person's latest Direct Line conversation, where their open Web Chat picks them up on
 * its next poll.
 */
export class WebChatDelivery implements ChannelDelivery {
  readonly channel = 'webchat' as const;

  constructor(private readonly store: Store, private readonly now: () => number = Date.now) {}

  async deliver(personId: string, replies: Reply[]): Promise<boolean> {
    if (replies.length === 0) return true;
    return this.store.transaction(async (repos) => {
      const conversation = await repos.directline.latestConversationOf(personId.toLowerCase());
      if (!conversation) return false;
      const now = this.now();
      await repos.directline.append(conversation.id, botActivities({ conversationId: conversation.id, replies, now }), now);
      return true;
    });
  }
}
