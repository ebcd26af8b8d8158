import type { Reply } from '../../messages/reply.js';
import type { Repositories } from '../../store/repositories.js';
import type { StoredActivity } from '../../store/repositories/directline-repository.js';
import type { Store } from '../../store/store.js';
import { cardCopy } from '../card-copies.js';
import type { ChannelMessages, MessageRef } from '../channel.js';
import { botActivities } from './reply-activities.js';

/**
 * The web chat's message operations on a Direct Line conversation (`place`). Direct Line 3.0
 * has no edit: an update is sent again with the same id after the client's watermark, and
 * Web Chat shows it in place of the old version. A delete changes the stored transcript,
 * which a client sees when it reads the conversation again (a reload).
 */
export class WebChatMessages implements ChannelMessages {
  constructor(private readonly store: Store, private readonly now: () => number = Date.now) {}

  async send(place: string, reply: Reply): Promise<MessageRef | undefined> {
    const [stored] = await this.store.transaction((repos) => appendReplies(repos, { conversationId: place, replies: [reply], now: this.now() }));
    return stored ? { place, messageId: stored.id } : undefined;
  }

  async update(message: MessageRef, reply: Reply): Promise<void> {
    const [shown] = botActivities({ conversationId: message.place, replies: [reply], now: this.now() });
    await this.store.transaction(async (repos) => {
      const before = await repos.directline.findActivity(message.place, message.messageId);
      if (!before) return;
      // Where it was: Web Chat orders a transcript by timestamp, and a reply stays a reply.
      const { timestamp, replyToId } = before;
      await repos.directline.replaceActivity(message.place, message.messageId, { ...shown, timestamp, ...(replyToId ? { replyToId } : {}) }, this.now());
    });
  }

  async delete(message: MessageRef): Promise<void> {
    await this.store.transaction((repos) => repos.directline.removeActivity(message.place, message.messageId));
  }
}

/**
 * Appends replies as bot activities and records each card that changes later (an approval
 * card), so a decision made anywhere reaches this copy. An approval card the conversation
 * already holds is shown in place of that copy instead of a second time. Call inside a store
 * transaction.
 */
export async function appendReplies(repos: Repositories, input: { conversationId: string; replies: Reply[]; now: number; replyToId?: string; personId?: string; notification?: boolean }): Promise<StoredActivity[]> {
  const { conversationId, now } = input;
  const replies: Reply[] = [];
  for (const reply of input.replies) {
    if (!(reply.kind === 'approval' && (await showInPlace(repos, conversationId, reply, now)))) replies.push(reply);
  }
  const activities = botActivities({ conversationId, replies, now, ...(input.replyToId ? { replyToId: input.replyToId } : {}) })
    .map((activity, i) => (input.notification ? { ...activity, channelData: { notification: 'unread', ...(replies[i]!.kind === 'triage' ? { triage: true } : {}) } } : activity));
  const stored = await repos.directline.append(conversationId, activities, now);
  for (const [i, reply] of replies.entries()) {
    if (reply.kind === 'approval' && !reply.outcome) {
      await repos.channelMessages.record(cardCopy('webchat', { place: conversationId, messageId: stored[i]!.id }, reply, input.personId ?? null, now));
    }
  }
  return stored;
}

/** Shows the approval card on the copy this conversation holds; false when it holds none. */
async function showInPlace(repos: Repositories, conversationId: string, card: Extract<Reply, { kind: 'approval' }>, now: number): Promise<boolean> {
  const copy = (await repos.channelMessages.about('webchat', 'approval', card.approvalId)).find((c) => c.place === conversationId);
  if (!copy) return false;
  const before = await repos.directline.findActivity(conversationId, copy.messageId);
  if (!before) return false;
  const [shown] = botActivities({ conversationId, replies: [card], now });
  await repos.directline.replaceActivity(conversationId, copy.messageId, { ...shown, timestamp: before.timestamp, ...(before.replyToId ? { replyToId: before.replyToId } : {}), ...(before.channelData ? { channelData: before.channelData } : {}) }, now);
  return true;
}
