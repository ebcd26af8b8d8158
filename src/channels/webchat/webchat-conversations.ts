import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Actions } from '../../messages/actions.js';
import { maskedValue } from '../../messages/masked-value.js';
import type { ConversationEngine, SensitiveQuestions } from '../../conversation/conversation-engine.js';
import type { Reply } from '../../messages/reply.js';
import type { Turn } from '../../messages/turn.js';
import type { DirectoryProvider, Person } from '../../directory/person.js';
import { NotFoundError, ThrottledError, ValidationError } from '../../shared/errors.js';
import type { StoredActivity } from '../../store/repositories/directline-repository.js';
import type { Store } from '../../store/store.js';
import type { IncomingActivity } from './activity-schema.js';
import { appendReplies } from './webchat-messages.js';
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
    const created = await this.options.store.transaction((repos) => repos.directline.createConversation({ id, personId: input.personId, now: this.now() }));
    if (created.personId) await this.deliverQueued(created.personId);
    return id;
  }

  /** The directory person a client says it speaks for, when the directory knows them. */
  async knownPerson(email: string | undefined): Promise<Person | undefined> {
    return email ? this.options.directory.findByEmail(email.trim().toLowerCase()) : undefined;
  }

  async exists(conversationId: string): Promise<boolean> {
    return (await this.options.store.read.directline.findConversation(conversationId)) !== undefined;
  }

  async activitiesAfter(conversationId: string, watermark: number | undefined): Promise<{ activities: StoredActivity[]; watermark: number }> {
    if (!(await this.exists(conversationId))) throw new NotFoundError('No such conversation');
    return this.options.store.read.directline.activitiesAfter(conversationId, watermark);
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
      const [stored] = await repos.directline.append(conversationId, [echoOf(conversationId, masked ? { ...activity, text: maskedValue } : activity, claimed, person, now)], now);
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
function echoOf(conversationId: string, activity: IncomingActivity, fromId: string, person: Person | undefined, now: number): Record<string, unknown> {
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
  return kept;
}

function unknownPersonReply(claimed: string): Reply {
  return {
    kind: 'text',
    text: `I don't know who "${claimed}" is: that address is not in the directory. Pick a person at the top of the page and try again.`,
  };
}
