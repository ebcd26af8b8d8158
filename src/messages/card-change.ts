import type { Reply } from './reply.js';

/** A card that is kept after it is sent and changes later (an approval card gets its outcome). */
export type ChangeableCard = Extract<Reply, { kind: 'approval' }>;

/**
 * A card already sent has changed (an approval decided, withdrawn or taken by another
 * approver of the group). Written to the outbox in the transaction of the change, for the
 * person the card was sent to; every channel holding a copy of the card shows `card`
 * instead, wherever the change was made.
 */
export interface CardChange {
  kind: 'card-changed';
  /** The card as it reads now, with its outcome. */
  card: ChangeableCard;
  /**
   * The person did not make the change themselves (another approver decided, the requester
   * withdrew): they are also sent the changed card as a message, on their preferred
   * channel, which may show it by updating the copy they already have (Slack) instead.
   */
  tell: boolean;
}

export function cardChanged(card: ChangeableCard, options: { tell: boolean }): CardChange {
  return { kind: 'card-changed', card, tell: options.tell };
}

/** What names a card across its copies: its kind and the id of what it is about. */
export function cardSubject(card: ChangeableCard): { kind: 'approval'; id: string } {
  return { kind: 'approval', id: card.approvalId };
}
