import type { Catalog } from '../catalog/catalog.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Auth, Principal, TokenService } from '../auth/index.js';
import type { Config } from '../config/config.js';
import type { AgentHandoff } from '../conversation/agent-handoff.js';
import type { ConversationEngine, FormsInProgress, SensitiveQuestions } from '../conversation/conversation-engine.js';
import type { DirectoryProvider } from '../directory/person.js';
import type { ReplicaClaims } from '../replicas/replica-claims.js';
import type { RequestLifecycle } from '../requests/request-lifecycle.js';
import type { Logger } from '../shared/logger.js';
import type { Store } from '../store/store.js';
import type { Channel } from './channel.js';
import { slackChannelFrom } from './slack/slack-channel.js';
import { teamsChannelFrom } from './teams/teams-channel.js';
import { createWebChatChannel } from './webchat/webchat-channel.js';

export type { Channel } from './channel.js';

/** Everything a channel may need, handed in by the composition root. */
export interface ChannelDeps {
  config: Config;
  store: Store;
  directory: DirectoryProvider;
  catalog: Catalog;
  /** The engine every channel hands its turns to; `handoff` for agents taking conversations over. */
  engine: ConversationEngine & FormsInProgress & SensitiveQuestions & { readonly handoff: AgentHandoff };
  /** For what a channel does outside a conversation (App Home's lists, modal submissions). */
  lifecycle: RequestLifecycle;
  auth: Pick<Auth, 'authenticate' | 'requireRole'>;
  /** Whether an API token is still good: web chat tokens issued from one die with it. */
  tokens: Pick<TokenService, 'isActive'>;
  /** The person signed in on our own pages (session cookie and CSRF token), when sign-in is configured. */
  signedIn?: (request: FastifyRequest, reply: FastifyReply) => Promise<Principal | undefined>;
  /** Flushed when a person arrives; held while their turn is answered, so its reply comes first. */
  notifier: { reachable(personId: string): Promise<number>; hold(personId: string): () => Promise<void> };
  log: Logger;
  /** This replica's claims on the deliveries it takes. */
  claims: ReplicaClaims;
}

/**
 * Every channel, in one list. Each entry builds its channel, or nothing when the channel is
 * not configured (Slack without its secrets). A new channel is a folder under src/channels/
 * and one line here.
 */
const channelFactories: Array<(deps: ChannelDeps) => Channel | undefined> = [
  (deps) => createWebChatChannel(deps),
  (deps) => slackChannelFrom(deps),
  (deps) => teamsChannelFrom(deps),
];

export function buildChannels(deps: ChannelDeps): Channel[] {
  return channelFactories.flatMap((build) => build(deps) ?? []);
}
