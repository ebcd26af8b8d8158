import type { CardChange } from '../../messages/card-change.js';
import type { ChannelDelivery } from '../../notify/notifier.js';
import type { Reply } from '../../messages/reply.js';
import type { Store } from '../../store/store.js';
import { applyCardChange } from '../card-copies.js';
import { appendReplies, WebChatMessages } from './webchat-messages.js';

/** A conversation read within this long is open: Web Chat polls it every half second. */
export const openWindowMs = 20_000;

/**
 * Proactive messages (approval requests, status changes) through the web chat: appended to
 * the person's open Direct Line conversation (read within the last moments), where their Web
 * Chat picks them up on its next poll. With no open conversation the person is not reached:
 * the outbox keeps the message until they open one. A changed card is rewritten in every
 * conversation holding a copy.
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
      const now = this.now();
      if (!conversation || conversation.lastSeenAt < now - openWindowMs) return false;
      await appendReplies(repos, { conversationId: conversation.id, replies, now, personId, notification: true });
      return true;
    });
  }

  async applyCardChange(_personId: string, change: CardChange): Promise<number> {
    return applyCardChange({ channel: 'webchat', store: this.store, messages: this.messages }, change);
  }
}
