import type { CardChange } from '../../messages/card-change.js';
import type { ChannelDelivery } from '../../notify/notifier.js';
import type { Reply } from '../../messages/reply.js';
import type { Store } from '../../store/store.js';
import { applyCardChange } from '../card-copies.js';
import { appendReplies, WebChatMessages } from './webchat-messages.js';

/**
 * Proactive messages (approval requests, status changes) through the web chat: appended to
 * the person's latest Direct Line conversation, where their open Web Chat picks them up on
 * its next poll. A changed card is rewritten in every conversation holding a copy.
 */
export class WebChatDelivery implements ChannelDelivery {
  readonly channel = 'webchat' as const;
  readonly messages: WebChatMessages;

  constructor(private readonly store: Store, private readonly now: () => number = Date.now) {
    this.messages = new WebChatMessages(store, now);
  }

  async deliver(personId: string, replies: Reply[]): Promise<boolean> {
    if (replies.length === 0) return true;
    return this.store.transaction(async (repos) => {
      const conversation = await repos.directline.latestConversationOf(personId.toLowerCase());
      if (!conversation) return false;
      await appendReplies(repos, { conversationId: conversation.id, replies, now: this.now(), personId });
      return true;
    });
  }

  async applyCardChange(_personId: string, change: CardChange): Promise<number> {
    return applyCardChange({ channel: 'webchat', store: this.store, messages: this.messages }, change);
  }
}
