import type { Person } from './person.js';

export type ChannelName = 'webchat' | 'slack' | 'teams' | 'api';

/**
 * One inbound event from any channel, already verified and mapped to a directory person.
 * Channel code builds it; the conversation engine consumes it and knows no channel.
 */
export interface Turn {
  channel: ChannelName;
  /** The channel's conversation id (a DM, a Direct Line conversation). */
  conversationId: string;
  person: Person;
  /** Free text the person typed, if any. */
  text?: string;
  /** A button or card submit; `id` is one of the shared action ids in src/messages/actions.ts. */
  action?: { id: string; values: Record<string, unknown> };
  /**
   * The channel's id of the inbound message (Slack's event_id), when the channel may hand the
   * same message over again (a replica taking over an event): a turn the engine already
   * applied under this id is not applied twice.
   */
  deliveryId?: string;
  /**
   * What the person may do here, when the channel signed them in with roles (the secure web
   * chat: the roles of the API token it was opened with). Absent when the channel vouches for
   * the person alone (Slack, the embedded web chat): the domain's own checks then decide.
   */
  roles?: readonly string[];
}
