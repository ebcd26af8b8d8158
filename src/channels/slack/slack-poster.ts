import { cardChanged } from '../../messages/card-change.js';
import type { Reply } from '../../messages/reply.js';
import type { Store } from '../../store/store.js';
import type { SentMessageRef } from '../../store/repositories/channel-message-repository.js';
import { applyCardChange, cardCopy } from '../card-copies.js';
import { renderAnsweredQuestion, renderSlackMessage } from './blocks/index.js';
import { SlackMessages } from './slack-messages.js';
import type { SlackWebClient } from './slack-web-client.js';

type ApprovalReply = Extract<Reply, { kind: 'approval' }>;

/** Where a reply goes: a channel (a DM), optionally a thread. */
export interface SlackPlace {
  channel: string;
  threadTs?: string;
}

/** Dialog messages with buttons that go stale once the conversation moves on. */
const interactiveKinds = new Set<Reply['kind']>(['question', 'summary', 'choices']);

/**
 * Posts the engine's replies in Slack and keeps track of the messages that must change later:
 * every copy of an approval card (updated with its outcome, wherever the decision was made)
 * and the dialog's open question (updated with the answer, so no stale buttons stay live).
 */
export class SlackPoster {
  /** chat.postMessage / update / delete of rendered replies: the channel contract's message operations. */
  readonly messages: SlackMessages;

  constructor(private readonly deps: { client: SlackWebClient; store: Store; now?: () => number; log: { warn(obj: object, msg: string): void } }) {
    this.messages = new SlackMessages({ client: deps.client, log: deps.log });
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Posts replies in order; an approval card that carries an outcome updates its copies instead. */
  async post(place: SlackPlace, replies: Reply[], context: { conversationKey?: string; personId?: string } = {}): Promise<void> {
    for (const reply of replies) {
      if (reply.kind === 'approval' && reply.outcome) {
        await this.updateApprovalCopies(reply);
        continue;
      }
      const ts = await this.postOne(place, reply);
      if (!ts) continue;
      if (reply.kind === 'approval') {
        const copy = cardCopy('slack', { place: place.channel, messageId: ts }, reply, context.personId ?? null, this.now());
        await this.deps.store.transaction((repos) => repos.channelMessages.record(copy));
      } else if (interactiveKinds.has(reply.kind) && context.conversationKey) {
        await this.record({ channelId: place.channel, ts, kind: 'question', subject: context.conversationKey, personId: context.personId ?? null, requestNumber: null, reply });
      }
    }
  }

  /** The person's DM with the bot. */
  async dmOf(slackUserId: string): Promise<string | undefined> {
    const opened = await this.deps.client.conversations.open({ users: slackUserId });
    return opened.channel?.id;
  }

  async postOne(place: SlackPlace, reply: Reply): Promise<string | undefined> {
    return (await this.messages.send(place.channel, reply, place.threadTs))?.messageId;
  }

  /**
   * Shows the outcome on every open copy of the approval card; returns how many copies the
   * card has in Slack at all (0: it was never posted here).
   */
  async updateApprovalCopies(card: ApprovalReply): Promise<number> {
    return applyCardChange({ channel: 'slack', store: this.deps.store, messages: this.messages }, cardChanged(card, { tell: false }));
  }

  /** The conversation moved on: its open dialog messages lose their buttons and show what was picked. */
  async closeDialogMessages(conversationKey: string, picked?: { channelId: string; ts: string; label?: string }): Promise<void> {
    const open = await this.deps.store.read.channelMessages.about('slack', 'question', conversationKey, { openOnly: true });
    for (const message of open) {
      const reply = message.reply as Reply;
      const label = picked && picked.channelId === message.place && picked.ts === message.messageId ? picked.label : undefined;
      const answered = reply.kind === 'question'
        ? renderAnsweredQuestion(reply, label ?? 'Answered')
        : renderSlackMessage({ kind: 'text', text: `${headlineOf(reply)}\n✓ ${label ?? 'Done'}` });
      const closed = await this.deps.store.transaction((repos) => repos.channelMessages.close(message, reply));
      if (closed) await this.messages.show(message, answered);
    }
  }

  private async record(ref: Omit<SentMessageRef, 'channel' | 'place' | 'messageId' | 'open' | 'createdAt'> & { channelId: string; ts: string }): Promise<void> {
    const { channelId, ts, ...rest } = ref;
    await this.deps.store.transaction((repos) => repos.channelMessages.record({ ...rest, channel: 'slack', place: channelId, messageId: ts, open: true, createdAt: this.now() }));
  }
}

function headlineOf(reply: Reply): string {
  switch (reply.kind) {
    case 'question': return reply.prompt;
    case 'summary': return reply.title;
    case 'choices': return reply.text;
    default: return 'text' in reply ? reply.text : '';
  }
}
