import { App, type Logger } from '@slack/bolt';
import type { FastifyPluginAsync } from 'fastify';
import type { Catalog } from '../../catalog/catalog.js';
import type { Config } from '../../config/config.js';
import type { AgentHandoff } from '../../conversation/agent-handoff.js';
import type { ConversationEngine, FormsInProgress } from '../../conversation/conversation-engine.js';
import type { DirectoryProvider } from '../../directory/person.js';
import type { RequestLifecycle } from '../../requests/request-lifecycle.js';
import type { Store } from '../../store/store.js';
import type { Channel } from '../channel.js';
import { HomePublisher } from './home-publisher.js';
import { RequestForms } from './forms/request-forms.js';
import { registerListeners } from './listeners/index.js';
import { boltLogger } from './receiver/bolt-logger.js';
import { FastifySlackReceiver } from './receiver/fastify-receiver.js';
import { checkSlackPayload } from './receiver/payload-check.js';
import type { ReplicaClaims } from '../../replicas/replica-claims.js';
import { scheduleAcrossReplicas } from '../../replicas/scheduled-job.js';
import { DeliveryInbox } from '../delivery-inbox.js';
import { SlackConversations } from './slack-conversations.js';
import { SlackDelivery } from './slack-delivery.js';
import { SlackIdentity } from './slack-identity.js';
import { SlackPoster } from './slack-poster.js';
import { SlackTakeOver } from './slack-takeover.js';
import { SlackWorkspaces } from './slack-workspaces.js';
import { createSlackWebClient, slackClientOptions, type SlackWebClient } from './slack-web-client.js';
import type { Logger as FrontdoorLogger } from '../../shared/logger.js';

type SlackConfig = Pick<Config, 'SLACK_SIGNING_SECRET' | 'SLACK_BOT_TOKEN' | 'SLACK_API_URL' | 'SLACK_APP_TOKEN' | 'SLACK_COMMAND' | 'SLACK_TRIAGE_CHANNEL' | 'SLACK_API_RETRIES' | 'SLACK_ALLOWED_TEAM_IDS' | 'SLACK_ALLOWED_ENTERPRISE_IDS'>;

type Log = FrontdoorLogger;

/** Event receipts are kept this long (Slack retries for about an hour). */
const receiptLifetimeMs = 2 * 60 * 60 * 1000;

/** The Slack clients the channel is built on, once its secrets are known to be set. */
export interface SlackBase {
  config: SlackConfig & { SLACK_SIGNING_SECRET: string; SLACK_BOT_TOKEN: string };
  logger: Logger;
  client: SlackWebClient;
  identity: SlackIdentity;
  poster: SlackPoster;
}

/** Slack is on when its secrets are set; undefined otherwise. */
function createSlackBase(input: { config: SlackConfig; store: Store; directory: DirectoryProvider; log: Log }): SlackBase | undefined {
  const { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: token } = input.config;
  if (!signingSecret || !token) return undefined;
  const logger = boltLogger(input.log);
  const client = createSlackWebClient({ token, apiUrl: input.config.SLACK_API_URL, retries: input.config.SLACK_API_RETRIES, logger });
  return {
    config: { ...input.config, SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: token },
    logger,
    client,
    identity: new SlackIdentity({ client, store: input.store, directory: input.directory, workspaces: new SlackWorkspaces({ client, teamIds: input.config.SLACK_ALLOWED_TEAM_IDS, enterpriseIds: input.config.SLACK_ALLOWED_ENTERPRISE_IDS }) }),
    poster: new SlackPoster({ client, store: input.store, log: input.log }),
  };
}

/**
 * The Slack channel: /slack/events over HTTP (or a Socket Mode connection) inbound; people's
 * DMs, the triage channel and every copy of a card outbound; request forms as modals.
 */
export interface SlackChannel extends Channel {
  readonly channel: 'slack';
  home: HomePublisher;
  bolt: App;
}

export interface SlackChannelDeps {
  store: Store;
  directory: DirectoryProvider;
  catalog: Catalog;
  /** With `handoff`: agents take triaged conversations over in the triage channel's threads. */
  engine: ConversationEngine & FormsInProgress & { readonly handoff: AgentHandoff };
  lifecycle: RequestLifecycle;
  log: Log;
  /** This replica's claims on events it takes (an event whose replica died is taken over). */
  claims: ReplicaClaims;
  /** Holds a person's notifications while their turn is answered, so the turn's reply comes first. */
  holdDeliveries?: (personId: string) => () => Promise<void>;
}

/** The Slack channel when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set; undefined otherwise. */
export function slackChannelFrom(deps: Omit<SlackChannelDeps, 'holdDeliveries'> & { config: SlackConfig; notifier: { hold(personId: string): () => Promise<void> } }): SlackChannel | undefined {
  const base = createSlackBase({ config: deps.config, store: deps.store, directory: deps.directory, log: deps.log });
  if (!base) return undefined;
  return createSlackChannel(base, { ...deps, holdDeliveries: (personId) => deps.notifier.hold(personId) });
}

/** Bolt with our Fastify receiver (or Socket Mode when SLACK_APP_TOKEN is set) and every listener. */
export function createSlackChannel(base: SlackBase, deps: SlackChannelDeps): SlackChannel {
  const { config, logger, client, identity, poster } = base;
  const home = new HomePublisher({ client, lifecycle: deps.lifecycle, log: deps.log });
  const inbox = new DeliveryInbox({ channel: 'slack', store: deps.store, claims: deps.claims, log: deps.log });
  const conversations = new SlackConversations({ onAnswered: (eventId) => inbox.finished(eventId), engine: deps.engine, identity, poster, log: deps.log, ...(deps.holdDeliveries ? { holdDeliveries: deps.holdDeliveries } : {}), onRequestTouched: (person, userId) => home.refresh(person, userId) });
  const delivery = new SlackDelivery({ client, store: deps.store, identity, poster, directory: deps.directory, home, ...(config.SLACK_TRIAGE_CHANNEL ? { triageChannel: config.SLACK_TRIAGE_CHANNEL } : {}) });
  const clientOptions = slackClientOptions({ apiUrl: config.SLACK_API_URL, retries: config.SLACK_API_RETRIES, logger });

  const receiver = config.SLACK_APP_TOKEN ? undefined : new FastifySlackReceiver({ signingSecret: config.SLACK_SIGNING_SECRET, logger, inbox });
  const bolt = receiver
    ? new App({ token: config.SLACK_BOT_TOKEN, receiver, logger, clientOptions })
    : new App({ token: config.SLACK_BOT_TOKEN, appToken: config.SLACK_APP_TOKEN, socketMode: true, logger, clientOptions });
  if (!receiver) {
    // Socket Mode redelivers too; the same inbox keeps events until they are handled. Its
    // payloads pass the same checks as the Request URL's.
    bolt.use(async ({ body, next, ...rest }) => {
      if (checkSlackPayload(body).kind !== 'handle') {
        const { ack } = rest as { ack?: () => Promise<void> };
        await ack?.();
        return;
      }
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId !== 'string') return next();
      if (!(await inbox.accept(eventId, body as Record<string, unknown>))) return;
      try {
        await next();
      } finally {
        await inbox.finished(eventId);
      }
    });
  }
  bolt.error(async (error) => {
    deps.log.error({ err: error.message, code: (error as { code?: unknown }).code }, 'a Slack listener failed');
  });
  const forms = new RequestForms({ catalog: deps.catalog, lifecycle: deps.lifecycle, identity, poster, client, engine: deps.engine });
  const takeOver = new SlackTakeOver({ handoff: deps.engine.handoff, identity, poster, directory: deps.directory, client, log: deps.log });
  registerListeners(bolt, { conversations, identity, poster, home, lifecycle: deps.lifecycle, catalog: deps.catalog, command: config.SLACK_COMMAND, log: deps.log, forms, takeOver, ...(config.SLACK_TRIAGE_CHANNEL ? { triageChannel: config.SLACK_TRIAGE_CHANNEL } : {}) });

  // Slack stops retrying an event within the hour; older receipts only take space.
  const stopPurge = scheduleAcrossReplicas({ store: deps.store, claims: deps.claims, log: deps.log }, {
    name: 'slack-event-receipts-purge', everyMs: receiptLifetimeMs,
    run: () => deps.store.transaction((repos) => repos.channelReceipts.purgeBefore('slack', Date.now() - receiptLifetimeMs)),
  });
  // Events taken over from a replica that died arrive without an HTTP request to answer.
  const replay = (event: { body: Record<string, unknown> }) => bolt.processEvent({ body: event.body, ack: async () => undefined });
  const startInbox = async () => inbox.start(replay);
  const stopInbox = async () => { stopPurge(); inbox.stop(); await inbox.idle(); };

  return {
    channel: 'slack',
    deliver: (personId, replies) => delivery.deliver(personId, replies),
    applyCardChange: (personId, change) => delivery.applyCardChange(personId, change),
    messages: poster.messages,
    forms: { open: (trigger, person, form) => forms.openForm(trigger, person, form) },
    home,
    bolt,
    idle: async () => { await receiver?.idle(); await inbox.idle(); },
    routes(): FastifyPluginAsync {
      if (receiver) {
        const routes = receiver.routes();
        return async (app, options) => {
          app.addHook('onReady', startInbox);
          app.addHook('onClose', stopInbox);
          await routes.call(app, app, options);
        };
      }
      return async (app) => {
        app.addHook('onReady', async () => { await bolt.start(); await startInbox(); });
        app.addHook('onClose', async () => { await stopInbox(); await bolt.stop(); });
      };
    },
  };
}
