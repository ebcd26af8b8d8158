import { z } from 'zod';
import type { DirectoryProvider, Person } from '../../directory/person.js';
import type { Store } from '../../store/store.js';
import type { SlackWebClient } from './slack-web-client.js';
import { slackMembership, type SlackWorkspaces } from './slack-workspaces.js';

/** How long a Slack user's email is trusted before users.info is asked again. */
const cacheMs = 24 * 60 * 60 * 1000;

const usersInfo = z.object({ user: slackMembership.extend({ id: z.string(), deleted: z.boolean().optional(), is_bot: z.boolean().optional(), profile: z.object({ email: z.string().optional() }).loose().optional() }).loose() }).loose();
const lookupByEmail = z.object({ user: slackMembership.extend({ id: z.string() }).loose() }).loose();

/**
 * Slack users are directory people by email, when they belong to the company's workspaces
 * (SlackWorkspaces): a guest from another organisation is nobody here. users.info answers are kept in the database,
 * so a busy conversation costs one lookup a day, on every replica.
 */
export class SlackIdentity {
  constructor(private readonly deps: { client: SlackWebClient; store: Store; directory: DirectoryProvider; workspaces: SlackWorkspaces; now?: () => number }) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** The directory person behind a Slack user, or undefined (unknown email, bot, no email scope). */
  async personOf(slackUserId: string): Promise<Person | undefined> {
    const email = await this.emailOf(slackUserId);
    return email ? this.deps.directory.findByEmail(email) : undefined;
  }

  /** The Slack user of a directory person: the cache, then users.lookupByEmail (a guest account with their email is not them). */
  async slackUserOf(personId: string): Promise<string | undefined> {
    const email = personId.toLowerCase();
    const cached = await this.deps.store.read.channelIdentities.ofPerson('slack', email);
    if (cached) return cached.externalId;
    try {
      const found = lookupByEmail.safeParse(await this.deps.client.users.lookupByEmail({ email }));
      if (!found.success || !(await this.deps.workspaces.admits(found.data.user))) return undefined;
      await this.remember(found.data.user.id, email);
      return found.data.user.id;
    } catch (error) {
      if (slackErrorCode(error) === 'users_not_found') return undefined;
      throw error;
    }
  }

  private async emailOf(slackUserId: string): Promise<string | undefined> {
    const cached = await this.deps.store.read.channelIdentities.find('slack', slackUserId);
    if (cached && this.now() - cached.fetchedAt < cacheMs) return cached.personId ?? undefined;
    let email: string | undefined;
    try {
      const info = usersInfo.safeParse(await this.deps.client.users.info({ user: slackUserId }));
      const user = info.success ? info.data.user : undefined;
      const employee = user && !user.deleted && !user.is_bot && await this.deps.workspaces.admits(user);
      email = employee ? user.profile?.email?.trim().toLowerCase() || undefined : undefined;
    } catch (error) {
      if (slackErrorCode(error) !== 'user_not_found') throw error;
    }
    await this.remember(slackUserId, email);
    return email;
  }

  private async remember(slackUserId: string, email: string | undefined): Promise<void> {
    await this.deps.store.transaction((repos) => repos.channelIdentities.save({ channel: 'slack', externalId: slackUserId, personId: email ?? null, fetchedAt: this.now() }));
  }
}

/** The `error` of a Slack platform error (`users_not_found`), if the failure is one. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
