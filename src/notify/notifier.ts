import type { CardChange } from '../messages/card-change.js';
import type { ChannelName } from '../messages/turn.js';
import type { Reply } from '../messages/reply.js';

/**
 * Messages to a person outside the conversation they are in (an approval request, a status
 * change). Written to the outbox with the state change, then delivered by the channel the
 * person prefers (src/notify/preferred-channels.ts).
 */
export interface Notifier {
  notify(personId: string, replies: Reply[]): Promise<void>;
}

/**
 * What the notifier needs of a channel (web chat, Slack, Teams): reaching a person
 * proactively, and showing a changed card on the copies it holds. The full channel
 * contract (inbound routes, message operations, forms) is src/channels/channel.ts.
 */
export interface ChannelDelivery {
  readonly channel: ChannelName;
  /** Delivers and returns true, or returns false when this channel cannot reach the person. */
  deliver(personId: string, replies: Reply[]): Promise<boolean>;
  /**
   * Shows the changed card on every copy of it this channel holds (none: nothing to do) and
   * returns how many copies the channel has. Called on every channel, not only the preferred.
   */
  applyCardChange(personId: string, change: CardChange): Promise<number>;
}
