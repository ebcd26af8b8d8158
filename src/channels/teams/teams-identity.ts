import { z } from 'zod';
import type { DirectoryProvider, Person } from '../../directory/person.js';
import type { Store } from '../../store/store.js';
import type { TeamsActivity } from './activity-schema.js';
import type { ConversationAddress, TurnConnector } from './bot-framework.js';

/** How long a roster answer (the user principal name) is trusted before it is asked again. */
const cacheMs = 24 * 60 * 60 * 1000;

/** The roster entry (GET /v3/conversations/{id}/members/{userId}) as far as it is read. */
const rosterMember = z.looseObject({
  id: z.string().optional(),
  aadObjectId: z.string().max(100).optional(),
  userPrincipalName: z.string().max(320).optional(),
  email: z.string().max(320).optional(),
  tenantId: z.string().max(100).optional(),
  userRole: z.string().max(40).optional(),
});

/** A personal chat's address and who is in it: how the bot reaches the person later. */
const personalChat = z.object({
  serviceUrl: z.url(),
  conversationId: z.string().min(1),
  tenantId: z.string().optional(),
  botId: z.string().optional(),
  userId: z.string().min(1),
  aadObjectId: z.string().optional(),
});
export type PersonalChat = z.infer<typeof personalChat>;

const placeAddress = z.object({
  serviceUrl: z.url(),
  conversationId: z.string().min(1),
  tenantId: z.string().optional(),
  teamId: z.string().optional(),
  botId: z.string().optional(),
});

/**
 * Teams users are directory people by their user principal name, read from the roster once
 * and kept in channel_identities (by AAD object id); guests (`userRole: guest`, `#EXT#`
 * names) are nobody here. Conversation references are kept in channel_conversations: a
 * person's personal chat, and every place the bot has talked in.
 */
export class TeamsIdentity {
  constructor(
    private readonly deps: {
      store: Store;
      directory: DirectoryProvider;
      /** A person's chat is known now: what waited for them goes out. */
      reachable?: (personId: string) => Promise<unknown>;
      log?: { error(obj: object, msg: string): void };
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** The directory person who sent the activity, or undefined. */
  async personOf(activity: TeamsActivity, connector: Pick<TurnConnector, 'member'>): Promise<Person | undefined> {
    const aadId = activity.from.aadObjectId ?? activity.from.id;
    const cached = await this.deps.store.read.channelIdentities.find('teams', aadId);
    let email: string | undefined;
    if (cached && this.now() - cached.fetchedAt < cacheMs) {
      email = cached.personId ?? undefined;
    } else {
      const found = rosterMember.safeParse(await connector.member(activity.from.id));
      const member = found.success ? found.data : undefined;
      const guest = member?.userRole === 'guest' || /#EXT#/i.test(member?.userPrincipalName ?? '');
      email = member && !guest ? (member.userPrincipalName ?? member.email)?.trim().toLowerCase() || undefined : undefined;
      await this.deps.store.transaction((repos) =>
        repos.channelIdentities.save({ channel: 'teams', externalId: aadId, personId: email ?? null, fetchedAt: this.now() }),
      );
    }
    return email ? this.deps.directory.findByEmail(email) : undefined;
  }

  /** The person's AAD object id, when they have talked to Frontdoor in Teams. */
  async aadIdOf(personId: string): Promise<string | undefined> {
    return (await this.deps.store.read.channelIdentities.ofPerson('teams', personId.toLowerCase()))?.externalId;
  }

  /** Keeps the person's personal chat; true when it is new or moved (messages that waited may go out now). */
  async rememberPersonalChat(personId: string, activity: TeamsActivity): Promise<boolean> {
    const chat: PersonalChat = {
      serviceUrl: activity.serviceUrl,
      conversationId: activity.conversation.id,
      userId: activity.from.id,
      ...(activity.conversation.tenantId ? { tenantId: activity.conversation.tenantId } : {}),
      ...(activity.recipient?.id ? { botId: activity.recipient.id } : {}),
      ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
    };
    const known = await this.personalChatOf(personId);
    if (known && JSON.stringify(known) === JSON.stringify(chat)) return false;
    await this.deps.store.transaction((repos) => repos.channelConversations.save({ channel: 'teams', key: personId, reference: chat, updatedAt: this.now() }));
    await this.rememberPlace(activity);
    await this.deps.reachable?.(personId).catch((err: unknown) => this.deps.log?.error({ err }, 'delivering queued messages to Teams failed'));
    return true;
  }

  async personalChatOf(personId: string): Promise<PersonalChat | undefined> {
    const row = await this.deps.store.read.channelConversations.find('teams', personId.toLowerCase());
    const parsed = personalChat.safeParse(row?.reference);
    return parsed.success ? parsed.data : undefined;
  }

  /** Where a conversation the bot talked in is (its service URL), so its messages can be updated later. */
  async rememberPlace(activity: TeamsActivity, conversationId = activity.conversation.id): Promise<void> {
    const address: ConversationAddress = {
      serviceUrl: activity.serviceUrl,
      conversationId,
      ...(activity.conversation.tenantId ? { tenantId: activity.conversation.tenantId } : {}),
      ...(activity.channelData?.team?.id ? { teamId: activity.channelData.team.id } : {}),
      ...(activity.recipient?.id ? { botId: activity.recipient.id } : {}),
    };
    await this.savePlace(address);
  }

  async savePlace(address: ConversationAddress): Promise<void> {
    const key = `place:${address.conversationId}`;
    const known = await this.deps.store.read.channelConversations.find('teams', key);
    if (known && JSON.stringify(known.reference) === JSON.stringify(address)) return;
    await this.deps.store.transaction((repos) => repos.channelConversations.save({ channel: 'teams', key, reference: address, updatedAt: this.now() }));
  }

  async placeOf(conversationId: string): Promise<ConversationAddress | undefined> {
    const parsed = placeAddress.safeParse((await this.deps.store.read.channelConversations.find('teams', `place:${conversationId}`))?.reference);
    if (!parsed.success) return undefined;
    const { tenantId, teamId, botId, ...rest } = parsed.data;
    return { ...rest, ...(tenantId ? { tenantId } : {}), ...(teamId ? { teamId } : {}), ...(botId ? { botId } : {}) };
  }
}
