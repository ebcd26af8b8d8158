import type { Reply } from '../../messages/reply.js';
import type { ChannelMessages, MessageRef } from '../channel.js';
import { renderSlackMessage, type SlackMessage } from './blocks/index.js';
import type { SlackWebClient } from './slack-web-client.js';

/** Slack's message operations: Block Kit from the reply, then chat.postMessage, chat.update, chat.delete. */
export class SlackMessages implements ChannelMessages {
  constructor(private readonly deps: { client: SlackWebClient; log: { warn(obj: object, msg: string): void } }) {}

  async send(place: string, reply: Reply, threadTs?: string): Promise<MessageRef | undefined> {
    const { text, blocks } = renderSlackMessage(reply);
    const result = await this.deps.client.chat.postMessage({ channel: place, text, blocks, ...(threadTs ? { thread_ts: threadTs } : {}) });
    return typeof result.ts === 'string' ? { place, messageId: result.ts } : undefined;
  }

  async update(message: MessageRef, reply: Reply): Promise<void> {
    await this.show(message, renderSlackMessage(reply));
  }

  /** Shows Block Kit built elsewhere (a question with its answer) in place of the message. */
  async show(message: MessageRef, shown: SlackMessage): Promise<void> {
    try {
      await this.deps.client.chat.update({ channel: message.place, ts: message.messageId, text: shown.text, blocks: shown.blocks });
    } catch (error) {
      // The message may have been deleted; the state change itself is already stored.
      this.deps.log.warn({ err: error instanceof Error ? error.message : String(error), channel: message.place }, 'updating a Slack message failed');
    }
  }

  async delete(message: MessageRef): Promise<void> {
    await this.deps.client.chat.delete({ channel: message.place, ts: message.messageId });
  }
}
