import type { ChannelName } from '../messages/turn.js';
import type { Reply } from '../messages/reply.js';

/**
 * Messages to a person outside the conversation they are in (an approval request, a status
 * change). Written to the outbox with the state change, then delivered by the channel the
 * person used last.
 */
export interface Notifier {
  notify(personId: string, replies: Reply[]): Promise<void>;
}

/** A channel that can reach a person proactively (web chat, Slack DM, Teams). */
export interface ChannelDelivery {
  readonly channel: ChannelName;
  /** Delivers and returns true, or returns false when this channel cannot reach the person. */
  deliver(personId: string, replies: Reply[]): Promise<boolean>;
}
