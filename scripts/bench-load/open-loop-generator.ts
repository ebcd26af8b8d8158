import type { PostedMessage } from './fake-slack-web-api.js';
import { nextStep, openingLine } from './laptop-conversation.js';
import { quantile, round } from './latency-stats.js';
import { dmEnvelope, sendDm } from './slack-events.js';

export interface StepOptions {
  /** New conversations started per second, on schedule whatever the server does (open loop). */
  conversationsPerSecond: number;
  seconds: number;
  /** How long after the last start the conversations may take to finish. */
  graceMs: number;
  /** The Slack user of the n-th conversation of this step (its DM is `D<user>`). */
  userOf(n: number): string;
}

export interface StepResult {
  conversationsPerSecond: number;
  offeredMessagesPerSecond: number;
  /** Events sent during the window and answered (full path) or acked (ack only), per second. */
  messagesPerSecond: number;
  sent: number;
  acked: number;
  ackErrors: number;
  lost: number;
  /** Events with the same reply posted more than once. */
  duplicated: number;
  /** Approval cards and other notifications posted more than once. */
  duplicatedNotifications: number;
  unfinished: number;
  completedConversations: number;
  ackP50Ms: number;
  ackP99Ms: number;
  replyP50Ms: number;
  replyP99Ms: number;
  /** Why a conversation stopped, for the first few that did. */
  stuckSamples: string[];
}

interface SentEvent {
  sentAt: number;
  inWindow: boolean;
  status?: number;
  ackMs?: number;
  firstReplyAt?: number;
  texts: string[];
  duplicates: number;
  followedUp: boolean;
}

interface Conversation {
  user: string;
  channel: string;
  events: SentEvent[];
  done: boolean;
  failed: boolean;
  stuck?: string;
}

/**
 * Simulated employees talking to the bot in their DMs. Conversations start on a fixed
 * schedule; within one, the next message goes as soon as the bot's question for it is
 * posted. Events are spread round-robin over `urls`, as a load balancer without sticky
 * sessions would. `expectReplies: false` only measures acks (the bare Fastify baseline).
 */
export class OpenLoopGenerator {
  private readonly byChannel = new Map<string, Conversation>();
  /** Notifications seen, by DM and request number (approval cards) or text (others). */
  private readonly notifications = new Map<string, number>();
  private eventSeq = 0;
  private stepWindowEnd = 0;

  constructor(private readonly target: { urls: string[]; secret: string; expectReplies: boolean; runTag: string }) {}

  /** Every chat.postMessage the fake Slack receives. */
  onPost(message: PostedMessage): void {
    // Approval cards and other notifications about a request go to people's DMs, which may be
    // a simulated employee's DM too (many Slack users share one directory person): they are
    // notifications, not replies. A request's number only appears in a reply with "Done".
    const card = /^Approval needed: (REQ-\d+)/.exec(message.text)?.[1];
    if (card || (/\bREQ-\d+/.test(message.text) && !/\bDone\b/.test(message.text))) {
      const key = `${message.channel} ${card ?? message.text}`;
      this.notifications.set(key, (this.notifications.get(key) ?? 0) + 1);
      return;
    }
    const conversation = this.byChannel.get(message.channel);
    if (!conversation) return;
    const event = conversation.events.at(-1);
    if (!event) return;
    event.firstReplyAt ??= message.at;
    if (event.texts.includes(message.text)) event.duplicates += 1;
    event.texts.push(message.text);
    const step = nextStep(message);
    if (step.kind === 'done') conversation.done = true;
    else if (step.kind === 'stuck') conversation.stuck = step.text;
    else if (step.kind === 'say' && !event.followedUp) {
      event.followedUp = true;
      conversation.stuck = undefined;
      void this.send(conversation, step.text);
    }
  }

  async runStep(options: StepOptions): Promise<StepResult> {
    this.byChannel.clear();
    this.notifications.clear();
    const conversations: Conversation[] = [];
    const t0 = performance.now();
    const windowMs = options.seconds * 1000;
    this.stepWindowEnd = t0 + windowMs;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const elapsed = performance.now() - t0;
        const due = Math.floor(Math.min(elapsed, windowMs) / 1000 * options.conversationsPerSecond);
        while (conversations.length < due) {
          const user = options.userOf(conversations.length);
          const conversation: Conversation = { user, channel: `D${user}`, events: [], done: false, failed: false };
          conversations.push(conversation);
          this.byChannel.set(conversation.channel, conversation);
          void this.send(conversation, openingLine);
        }
        if (elapsed >= windowMs) {
          clearInterval(tick);
          resolve();
        }
      }, 1);
    });
    const deadline = performance.now() + options.graceMs;
    const outstanding = () => conversations.some((c) => !c.done && !c.failed && !c.stuck);
    while (outstanding() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    // Late duplicates of the last replies still count.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return this.summarise(options, conversations);
  }

  private async send(conversation: Conversation, text: string): Promise<void> {
    const eventId = `Ev${this.target.runTag}${++this.eventSeq}`;
    const url = this.target.urls[this.eventSeq % this.target.urls.length]!;
    const event: SentEvent = { sentAt: performance.now(), inWindow: performance.now() <= this.stepWindowEnd, texts: [], duplicates: 0, followedUp: false };
    conversation.events.push(event);
    const result = await sendDm(url, this.target.secret, dmEnvelope(eventId, conversation.user, conversation.channel, text));
    event.status = result.status;
    event.ackMs = result.ms;
    if (result.status !== 200) conversation.failed = true;
    else if (!this.target.expectReplies) conversation.done = true;
  }

  private summarise(options: StepOptions, conversations: Conversation[]): StepResult {
    const events = conversations.flatMap((c) => c.events);
    const acked = events.filter((e) => e.status === 200);
    const answered = this.target.expectReplies ? acked.filter((e) => e.firstReplyAt !== undefined) : acked;
    const notificationDuplicates = [...this.notifications.values()].reduce((sum, n) => sum + n - 1, 0);
    return {
      conversationsPerSecond: options.conversationsPerSecond,
      offeredMessagesPerSecond: round(events.filter((e) => e.inWindow).length / options.seconds),
      messagesPerSecond: round(answered.filter((e) => e.inWindow).length / options.seconds),
      sent: events.length,
      acked: acked.length,
      ackErrors: events.length - acked.length,
      lost: acked.length - answered.length,
      duplicated: events.filter((e) => e.duplicates > 0).length,
      duplicatedNotifications: notificationDuplicates,
      unfinished: this.target.expectReplies ? conversations.filter((c) => !c.done).length : 0,
      completedConversations: conversations.filter((c) => c.done).length,
      ackP50Ms: round(quantile(acked.map((e) => e.ackMs!), 0.5)),
      ackP99Ms: round(quantile(acked.map((e) => e.ackMs!), 0.99)),
      replyP50Ms: round(quantile(answered.filter((e) => e.firstReplyAt).map((e) => e.firstReplyAt! - e.sentAt), 0.5)),
      replyP99Ms: round(quantile(answered.filter((e) => e.firstReplyAt).map((e) => e.firstReplyAt! - e.sentAt), 0.99)),
      stuckSamples: [...new Set(conversations.filter((c) => c.stuck).map((c) => c.stuck!))].slice(0, 3),
    };
  }
}
