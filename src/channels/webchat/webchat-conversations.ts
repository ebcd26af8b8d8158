import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Actions } from '../../messages/actions.js';
import { maskedValue } from '../../messages/masked-value.js';
import type { ConversationEngine, SensitiveQuestions } from '../../conversation/conversation-engine.js';
import type { Reply } from '../../messages/reply.js';
import type { Turn } from '../../messages/turn.js';
import type { DirectoryProvider, Person } from '../../directory/person.js';
import { NotFoundError, ThrottledError, ValidationError } from '../../shared/errors.js';
import type { DirectLineConversation, StoredActivity } from '../../store/repositories/directline-repository.js';
import type { Store } from '../../store/store.js';
import type { IncomingActivity } from './activity-schema.js';
import { appendReplies } from './webchat-messages.js';
import { answers, answerText, collapsed, isLiveQuestion, liveCardLookback } from './answered-cards.js';
import { escapeMarkdown } from '../../../cards/adaptive-markdown.js';
import type { Repositories } from '../../store/repositories.js';
import { botAccount } from './reply-activities.js';
import { somethingWentWrong } from '../../conversation/turn-error-policy.js';

const actionIds = new Set<string>(Object.values(Actions));

export interface WebChatConversationsOptions {
  store: Store;
  directory: DirectoryProvider;
  engine: ConversationEngine & SensitiveQuestions;
  log: FastifyBaseLogger;
  /** Messages queued for a person while they had no web chat are delivered once they open one. */
  outbox?: { reachable(personId: string): Promise<number>; hold(personId: string): () => Promise<void> };
  now?: () => number;
  /** What one conversation and one person may take up; more is refused with 429. */
  limits?: WebChatLimits;
}

export interface WebChatLimits {
  activitiesPerConversation: number;
  conversationsPerPersonPerDay: number;
}

const defaultLimits: WebChatLimits = { activitiesPerConversation: 2000, conversationsPerPersonPerDay: 50 };
const day = 24 * 60 * 60 * 1000;
/** Polls come every half second; the time of the last read is written at most this often. */
const markReadEveryMs = 2_000;
/** How many queued triage cards an agent's new chat shows; the rest are counted. */
const triageShown = 3;

/** How a posted activity is attributed: trust its `from.id` (embedded) or the token's person (secure). */
export type Identity = { trust: 'activity' } | { trust: 'token'; email: string; roles?: readonly string[] };

/**
 * The web chat's use cases: open a conversation, take a person's activity (echo it, turn it
 * into a Turn, store the engine's replies as bot activities), and read activities after a
 * watermark. The engine runs outside any store transaction.
 */
export class WebChatConversations {
  private readonly now: () => number;
  private readonly limits: WebChatLimits;

  constructor(private readonly options: WebChatConversationsOptions) {
    this.now = options.now ?? Date.now;
    this.limits = options.limits ?? defaultLimits;
  }

  async open(input: { conversationId?: string; personId?: string } = {}): Promise<string> {
    if (!input.conversationId && input.personId) {
      const opened = await this.options.store.read.directline.countConversationsOf(input.personId, this.now() - day);
      if (opened >= this.limits.conversationsPerPersonPerDay) throw new ThrottledError('You have opened too many web chats today. Carry on in one you have, or try again tomorrow.');
    }
    const id = input.conversationId ?? randomBytes(12).toString('base64url');
    const fresh = input.conversationId === undefined || !(await this.exists(id));
    const created = await this.options.store.transaction((repos) => repos.directline.createConversation({ id, personId: input.personId, now: this.now() }));
    if (!created.personId) return id;
    if (fresh) await this.handOnUnread(id, created.personId);
    await this.deliverQueued(created.personId);
    if (fresh) await this.summariseTriage(id);
    if (fresh) await this.welcome(id, created.personId);
    return id;
  }

  /**
   * What reached the person in a web chat they closed before reading it (notifications after
   * their last read there) comes first in the new one; the old copies are marked handed on.
   */
  private async handOnUnread(conversationId: string, personId: string): Promise<void> {
    const now = this.now();
    await this.options.store.transaction(async (repos) => {
      const unread = await repos.directline.unreadOf(personId, conversationId, (a) => (a.channelData as { notification?: unknown } | undefined)?.notification === 'unread');
      if (!unread.length) return;
      const copies = unread.map(({ activity }) => {
        const { id: _id, ...rest } = activity;
        return { ...rest, conversation: { id: conversationId }, timestamp: new Date(now).toISOString() };
      });
      await repos.directline.append(conversationId, copies, now);
      for (const { conversationId: place, activity } of unread) {
        await repos.directline.rewriteActivity(place, activity.id, { ...activity, channelData: { notification: 'handed-on' } });
      }
    });
  }

  /**
   * An agent opening a chat after a while would get every queued triage card at once: past a
   * few, the chat says how many wait and shows only the newest.
   */
  private async summariseTriage(conversationId: string): Promise<void> {
    const now = this.now();
    await this.options.store.transaction(async (repos) => {
      const latest = await repos.directline.latestActivities(conversationId, 500);
      const triage = latest.filter((a) => (a.channelData as { triage?: unknown } | undefined)?.triage === true);
      if (triage.length <= triageShown) return;
      for (const card of triage) await repos.directline.removeActivity(conversationId, card.id);
      const newest = triage.slice(0, triageShown).reverse().map(({ id: _id, ...rest }) => ({ ...rest, timestamp: new Date(now).toISOString() }));
      const summary = {
        type: 'message', channelId: 'directline', conversation: { id: conversationId }, from: { ...botAccount },
        timestamp: new Date(now).toISOString(), textFormat: 'markdown', channelData: { triageSummary: triage.length },
        text: `${triage.length} messages came into the triage queue while you were away. The newest ${triageShown} are below; the whole queue is at GET /api/v1/triage.`,
      };
      await repos.directline.append(conversationId, [summary, ...newest], now);
    });
  }

  /** A new web chat starts with what Frontdoor can do and a few things to try. */
  private async welcome(conversationId: string, personId: string): Promise<void> {
    const person = await this.options.directory.findByEmail(personId);
    const now = this.now();
    await this.options.store.transaction((repos) => repos.directline.append(conversationId, [welcomeActivity(conversationId, person, now)], now));
  }

  /**
   * Reading the conversation keeps it open: notifications go where the person is reading.
   * Takes the conversation as the poll read it, so a poll reads it once.
   */
  private async markRead(conversation: DirectLineConversation, readSomething: boolean): Promise<void> {
    const now = this.now();
    if (!conversation.personId || (!readSomething && conversation.lastSeenAt > now - markReadEveryMs)) return;
    await this.options.store.transaction((repos) => repos.directline.touchConversation(conversation.id, { now }));
  }

  /** The directory person a client says it speaks for, when the directory knows them. */
  async knownPerson(email: string | undefined): Promise<Person | undefined> {
    return email ? this.options.directory.findByEmail(email.trim().toLowerCase()) : undefined;
  }

  async exists(conversationId: string): Promise<boolean> {
    return (await this.options.store.read.directline.findConversation(conversationId)) !== undefined;
  }

  async activitiesAfter(conversationId: string, watermark: number | undefined): Promise<{ activities: StoredActivity[]; watermark: number }> {
    const conversation = await this.options.store.read.directline.findConversation(conversationId);
    if (!conversation) throw new NotFoundError('No such conversation');
    const set = await this.options.store.read.directline.activitiesAfter(conversationId, watermark);
    await this.markRead(conversation, set.activities.length > 0);
    return set;
  }

  /** Stores the activity (clients expect their own activity back), answers it, returns its id. */
  async post(conversationId: string, activity: IncomingActivity, identity: Identity): Promise<{ id: string }> {
    const action = cardAction(activity);
    const text = activity.text?.trim();
    if (activity.type === 'message' && !action && !text) {
      throw new ValidationError('A message needs text or a card submit', { text: 'is empty' });
    }
    const conversation = await this.options.store.read.directline.findConversation(conversationId);
    if (!conversation) throw new NotFoundError('No such conversation');
    // Only messages are kept and answered: typing and other events cost nothing to store.
    if (activity.type !== 'message') return { id: `${conversationId}|unstored-${randomBytes(6).toString('hex')}` };
    if ((await this.options.store.read.directline.countActivities(conversationId)) >= this.limits.activitiesPerConversation) {
      throw new ThrottledError('This conversation is full. Start a new chat to carry on.');
    }

    const claimed = identity.trust === 'token' ? identity.email : activity.from.id;
    const person = await this.options.directory.findByEmail(claimed.toLowerCase());
    const now = this.now();
    // An answer to a sensitive question is kept as the history shows it: masked.
    const masked = !action && person !== undefined && (await this.options.engine.awaitsSensitiveAnswer('webchat', conversationId));
    const echo = await this.options.store.transaction(async (repos) => {
      await repos.directline.touchConversation(conversationId, { personId: person?.id, now });
      const said = await settleLiveCards(repos, conversationId, action?.values, now);
      const [stored] = await repos.directline.append(conversationId, [echoOf(conversationId, masked ? { ...activity, text: maskedValue } : activity, claimed, person, now, said)], now);
      return stored!;
    });
    if (person && conversation.personId !== person.id) await this.deliverQueued(person.id);

    if (!person) {
      await this.append(conversationId, [unknownPersonReply(claimed)], echo.id);
      return { id: echo.id };
    }
    const release = this.options.outbox?.hold(person.id);
    try {
      const roles = identity.trust === 'token' ? identity.roles : undefined;
      const replies = await this.answer({ channel: 'webchat', conversationId, person, ...(action ? { action } : { text }), ...(roles ? { roles } : {}) });
      await this.append(conversationId, replies, echo.id, person.id);
    } finally {
      await release?.().catch((err: unknown) => this.options.log.error({ err }, 'delivering held messages failed'));
    }
    return { id: echo.id };
  }

  /** The person has a web chat now: what waited because nothing reached them goes out. */
  private async deliverQueued(personId: string): Promise<void> {
    try {
      await this.options.outbox?.reachable(personId);
    } catch (err) {
      this.options.log.error({ err }, 'delivering queued messages to the web chat failed');
    }
  }

  private async answer(turn: Turn): Promise<Reply[]> {
    try {
      return await this.options.engine.handle(turn);
    } catch (err) {
      this.options.log.error({ err, conversationId: turn.conversationId }, 'conversation engine failed on a web chat turn');
      return [{ kind: 'text', text: somethingWentWrong }];
    }
  }

  private async append(conversationId: string, replies: Reply[], replyToId: string, personId?: string): Promise<void> {
    if (replies.length === 0) return;
    const now = this.now();
    await this.options.store.transaction((repos) => appendReplies(repos, { conversationId, replies, replyToId, now, ...(personId ? { personId } : {}) }));
  }
}

/**
 * Before the person's message is stored: every card still asking something is collapsed to
 * its question (Web Chat shows the new version in place), and a click is put into words from
 * the card it came from. Returns those words, if the message was a click on a known card.
 */
async function settleLiveCards(repos: Repositories, conversationId: string, values: Record<string, unknown> | undefined, now: number): Promise<string | undefined> {
  const latest = await repos.directline.latestActivities(conversationId, liveCardLookback);
  const seen = new Set<string>();
  let said: string | undefined;
  for (const activity of latest) {
    if (seen.has(activity.id)) continue;
    seen.add(activity.id);
    if (values && said === undefined && answers(activity, values)) said = answerText(activity, values);
    if (isLiveQuestion(activity)) await repos.directline.replaceActivity(conversationId, activity.id, collapsed(activity), now);
  }
  return said;
}

/** A card submit or messageBack carries `value`; it must name one of the shared action ids. */
function cardAction(activity: IncomingActivity): Turn['action'] | undefined {
  if (activity.value === undefined || activity.value === null) return undefined;
  const value = activity.value;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError('A card submit must be an object', { value: 'must be an object' });
  }
  const values = value as Record<string, unknown>;
  if (typeof values.action !== 'string' || !actionIds.has(values.action)) {
    throw new ValidationError('A card submit must name a known action', { 'value.action': 'is not a known action id' });
  }
  return { id: values.action, values };
}

/** The person's activity as every client of the conversation sees it; only known fields are kept. */
function echoOf(conversationId: string, activity: IncomingActivity, fromId: string, person: Person | undefined, now: number, said?: string): Record<string, unknown> {
  const kept: Record<string, unknown> = {
    type: activity.type,
    channelId: 'directline',
    conversation: { id: conversationId },
    from: { id: fromId, ...(person ? { name: person.name } : activity.from.name ? { name: activity.from.name } : {}), role: 'user' },
    timestamp: new Date(now).toISOString(),
  };
  for (const key of ['text', 'value', 'locale', 'localTimestamp', 'textFormat', 'channelData'] as const) {
    if (activity[key] !== undefined) kept[key] = activity[key];
  }
  if (said !== undefined && !activity.text) {
    // A click shows as the person's own bubble: Web Chat hides a post back, not a message with text.
    const { postBack: _postBack, messageBack: _messageBack, ...channelData } = activity.channelData ?? {};
    return { ...kept, text: escapeMarkdown(said), textFormat: 'markdown', channelData };
  }
  return kept;
}

function unknownPersonReply(claimed: string): Reply {
  return {
    kind: 'text',
    text: `I don't know who "${claimed}" is: that address is not in the directory. Pick a person at the top of the page and try again.`,
  };
}

/** What the welcome offers to try: each is a first message Frontdoor understands. */
const suggestions = ['I need a new laptop', 'My laptop is broken', 'What can I request?', 'My requests', 'Talk to a person'];

function welcomeActivity(conversationId: string, person: Person | undefined, now: number): Record<string, unknown> {
  const first = person?.name.split(/\s+/)[0];
  const text = [
    `Hello${first ? ` ${escapeMarkdown(first)}` : ''}, I am Frontdoor, the IT service desk in chat.`,
    'Tell me in your own words what you need: I can order a laptop, a phone or software, give access to a system, a share or a list, reset a password, record something that is broken, tell you where your requests are, and put you through to a person.',
  ].join('\n\n');
  return {
    type: 'message', channelId: 'directline', conversation: { id: conversationId }, from: { ...botAccount },
    timestamp: new Date(now).toISOString(), textFormat: 'markdown', text, channelData: { welcome: true },
    suggestedActions: { actions: suggestions.map((s) => ({ type: 'imBack', title: s, value: s })) },
  };
}
