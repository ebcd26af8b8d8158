import type { FastifyPluginAsync } from 'fastify';
import type { Person } from '../directory/person.js';
import type { Reply } from '../messages/reply.js';
import type { RequestForm } from '../messages/request-form.js';
import type { ChannelDelivery } from '../notify/notifier.js';

/** A message a channel sent: where it is (a Slack channel, a conversation) and its id there. */
export interface MessageRef {
  place: string;
  messageId: string;
}

/** Outbound message operations, each rendering the channel-neutral reply the channel's way. */
export interface ChannelMessages {
  /** Sends the reply to `place`; undefined when the channel gave the message no id. */
  send(place: string, reply: Reply): Promise<MessageRef | undefined>;
  /** Shows `reply` in place of what the message showed. */
  update(message: MessageRef, reply: Reply): Promise<void>;
  delete(message: MessageRef): Promise<void>;
}

export type { RequestForm } from '../messages/request-form.js';

/** Forms the channel opens as one view (a Slack modal, a Teams task module). */
export interface ChannelForms {
  /** Opens the form for the person, in answer to their interaction (`trigger`: Slack's trigger_id). */
  open(trigger: string, person: Person, form: RequestForm): Promise<void>;
}

/**
 * The channel contract, both directions. Inbound, the channel's routes verify the sender,
 * drop repeats (src/channels/delivery-inbox.ts), map the sender to a directory person
 * (channel_identities) and hand the engine a Turn; they render the Replies that come back.
 * Outbound, the notifier reaches people through `deliver` and has every channel apply card
 * changes to the copies it holds (channel_messages). Channels are listed in
 * src/channels/index.ts.
 */
export interface Channel extends ChannelDelivery {
  /** The channel's HTTP routes and their lifecycle hooks (or a socket's start and stop). */
  routes(): FastifyPluginAsync;
  messages: ChannelMessages;
  /** Absent where the channel has no form view (the web chat asks field by field). */
  forms?: ChannelForms;
  /** Resolves once the work of every delivery taken so far is done (it may go on after the ack). */
  idle(): Promise<void>;
}
