import { cardSubject, type CardChange, type ChangeableCard } from '../messages/card-change.js';
import type { ChannelName } from '../messages/turn.js';
import type { SentMessageRef } from '../store/repositories/channel-message-repository.js';
import type { Store } from '../store/store.js';
import type { ChannelMessages, MessageRef } from './channel.js';

/** The reference a channel records when it sends a card that may change later. */
export function cardCopy(channel: ChannelName, message: MessageRef, card: ChangeableCard, personId: string | null, at: number): SentMessageRef {
  const subject = cardSubject(card);
  return {
    channel, place: message.place, messageId: message.messageId, kind: subject.kind, subject: subject.id,
    personId, requestNumber: card.requestNumber, reply: card, open: true, createdAt: at,
  };
}

/**
 * Shows a changed card on every open copy `channel` holds, each closed first so two
 * replicas never update one copy twice; returns how many copies the channel has (open or
 * not), 0 when the card never reached it.
 */
export async function applyCardChange(input: { channel: ChannelName; store: Store; messages: Pick<ChannelMessages, 'update'> }, change: CardChange): Promise<number> {
  const subject = cardSubject(change.card);
  const copies = await input.store.read.channelMessages.about(input.channel, subject.kind, subject.id);
  for (const copy of copies.filter((c) => c.open)) {
    const closed = await input.store.transaction((repos) => repos.channelMessages.close(copy, change.card));
    if (closed) await input.messages.update(copy, change.card);
  }
  return copies.length;
}
