import type { Config } from '../../config/config.js';
import type { Reply } from '../../messages/reply.js';
import type { AgentHandoff } from '../../conversation/agent-handoff.js';
import type { ConversationEngine, FormsInProgress } from '../../conversation/conversation-engine.js';
import type { Catalog } from '../../catalog/catalog.js';
import type { RequestLifecycle } from '../../requests/request-lifecycle.js';
import type { DirectoryProvider } from '../../directory/person.js';
import type { ReplicaClaims } from '../../replicas/replica-claims.js';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../../store/store.js';
import type { Channel } from '../channel.js';
import { DeliveryInbox } from '../delivery-inbox.js';
import { scheduleAcrossReplicas } from '../../replicas/scheduled-job.js';
import { createBotFrameworkGateway, type BotFrameworkGateway } from './bot-framework.js';
import { TeamsConversations } from './teams-conversations.js';
import { TeamsForms } from './teams-forms.js';
import { TeamsIdentity } from './teams-identity.js';
import { TeamsInvokes } from './teams-invokes.js';
import { TeamsPoster } from './teams-poster.js';
import { teamsRoutes } from './teams-routes.js';
import { TeamsTriage } from './teams-triage.js';

type TeamsConfig = Pick<
  Config,
  | 'FRONTDOOR_MODE'
  | 'MicrosoftAppId'
  | 'MicrosoftAppPassword'
  | 'MicrosoftAppType'
  | 'MicrosoftAppTenantId'
  | 'TEAMS_ENABLED'
  | 'TEAMS_ALLOWED_TENANT_IDS'
  | 'TEAMS_TRIAGE_CHANNEL'
  | 'TEAMS_SERVICE_URL'
  | 'ToBotFromChannelOpenIdMetadataUrl'
  | 'ToChannelFromBotLoginUrl'
>;

/** Activity receipts are kept this long (Teams redelivers for a few minutes at most). */
const receiptLifetimeMs = 2 * 60 * 60 * 1000;

/** What the Teams channel is built from (a part of src/channels/index.ts's ChannelDeps). */
export interface TeamsChannelDeps {
  config: TeamsConfig;
  store: Store;
  directory: DirectoryProvider;
  engine: ConversationEngine & FormsInProgress & { readonly handoff: AgentHandoff };
  catalog: Catalog;
  lifecycle: RequestLifecycle;
  notifier: { reachable(personId: string): Promise<number>; hold(personId: string): () => Promise<void> };
  log: Logger;
  claims: ReplicaClaims;
}

/** Teams is on with an app id (unless TEAMS_ENABLED=false), or without one when TEAMS_ENABLED=true. */
function teamsEnabled(config: TeamsConfig): boolean {
  return config.MicrosoftAppId ? config.TEAMS_ENABLED !== 'false' : config.TEAMS_ENABLED === 'true';
}

/** The tenants whose people may use Teams: the configured list, else the app's tenant; empty: any. */
function allowedTenants(config: TeamsConfig): string[] {
  if (config.TEAMS_ALLOWED_TENANT_IDS.length) return config.TEAMS_ALLOWED_TENANT_IDS;
  return config.MicrosoftAppTenantId ? [config.MicrosoftAppTenantId.toLowerCase()] : [];
}

/**
 * The Microsoft Teams channel: /api/messages (Bot Framework activities, verified by
 * botbuilder's CloudAdapter) inbound; people's personal chats, the triage channel and every
 * copy of a card outbound, through stored conversation references.
 */
export function teamsChannelFrom(deps: TeamsChannelDeps): Channel | undefined {
  const { config } = deps;
  if (!teamsEnabled(config)) return undefined;
  if (!config.MicrosoftAppId) {
    deps.log.warn(
      { channel: 'teams' },
      'Teams runs WITHOUT authentication (no MicrosoftAppId): anyone who reaches /api/messages can act as anyone in the directory. For a local Bot Framework Emulator only; set MicrosoftAppId and MicrosoftAppPassword for real use.',
    );
  }
  const gateway = createBotFrameworkGateway({
    appType: config.MicrosoftAppType,
    ...(config.MicrosoftAppId ? { appId: config.MicrosoftAppId } : {}),
    ...(config.MicrosoftAppPassword ? { appPassword: config.MicrosoftAppPassword } : {}),
    ...(config.MicrosoftAppTenantId ? { tenantId: config.MicrosoftAppTenantId } : {}),
    ...(config.ToBotFromChannelOpenIdMetadataUrl ? { openIdMetadataUrl: config.ToBotFromChannelOpenIdMetadataUrl } : {}),
    ...(config.ToChannelFromBotLoginUrl ? { loginUrl: config.ToChannelFromBotLoginUrl } : {}),
  });
  return createTeamsChannel(deps, gateway);
}

function createTeamsChannel(deps: TeamsChannelDeps, gateway: BotFrameworkGateway): Channel {
  const { config, store, log } = deps;
  const identity = new TeamsIdentity({ store, directory: deps.directory, reachable: (personId) => deps.notifier.reachable(personId), log });
  const poster = new TeamsPoster({ gateway, store, identity });
  const triage = new TeamsTriage({
    handoff: deps.engine.handoff,
    identity,
    poster,
    gateway,
    directory: deps.directory,
    store,
    serviceUrl: config.TEAMS_SERVICE_URL,
    ...(config.TEAMS_TRIAGE_CHANNEL ? { triageChannel: config.TEAMS_TRIAGE_CHANNEL } : {}),
  });
  const conversations = new TeamsConversations({
    engine: deps.engine,
    identity,
    poster,
    gateway,
    triage,
    log,
    holdDeliveries: (personId) => deps.notifier.hold(personId),
  });
  const forms = new TeamsForms({ catalog: deps.catalog, lifecycle: deps.lifecycle, identity, engine: deps.engine });
  const invokes = new TeamsInvokes({ store, identity, conversations, forms });
  const inbox = new DeliveryInbox({ channel: 'teams', store, claims: deps.claims, log });

  const deliver = async (personId: string, replies: Reply[]): Promise<boolean> => {
    const rest: Reply[] = [];
    for (const reply of replies) {
      const thread = reply.kind === 'text' ? reply.relayToAgent?.thread : undefined;
      if (reply.kind === 'text' && thread?.channel === 'teams') await triage.relay(thread, reply.text);
      else if (reply.kind === 'triage') {
        await triage.post(reply);
        rest.push(reply);
      } else rest.push(reply);
    }
    const chat = await identity.personalChatOf(personId);
    // An agent without a personal chat sees triage items in the triage channel, where they work.
    if (!chat) return rest.every((r) => r.kind === 'triage' && config.TEAMS_TRIAGE_CHANNEL !== undefined);
    if (!rest.length) return true;
    await gateway.continue(
      {
        serviceUrl: chat.serviceUrl,
        conversationId: chat.conversationId,
        ...(chat.tenantId ? { tenantId: chat.tenantId } : {}),
        ...(chat.botId ? { botId: chat.botId } : {}),
      },
      (connector) => poster.post(connector, chat.conversationId, rest, { personId, ...(chat.aadObjectId ? { approverAadId: chat.aadObjectId } : {}) }),
    );
    return true;
  };

  return {
    channel: 'teams',
    routes: () => {
      const routes = teamsRoutes({ gateway, conversations, invokes, identity, inbox, allowedTenants: allowedTenants(config), log });
      return async (app, options) => {
        // Teams stops redelivering an activity within minutes; older receipts only take space.
        const stopPurge = scheduleAcrossReplicas(
          { store, claims: deps.claims, log },
          {
            name: 'teams-activity-receipts-purge',
            everyMs: receiptLifetimeMs,
            run: () => store.transaction((repos) => repos.channelReceipts.purgeBefore('teams', Date.now() - receiptLifetimeMs)),
          },
        );
        app.addHook('onClose', async () => stopPurge());
        await routes.call(app, app, options);
      };
    },
    deliver,
    applyCardChange: (_personId, change) => poster.updateApprovalCopies(change.card),
    messages: poster.messages,
    // Each activity is answered within its HTTP request; nothing carries on after it.
    idle: async () => undefined,
  };
}
