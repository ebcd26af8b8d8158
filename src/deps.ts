import type { Config } from './config/config.js';
import { type Store } from './store/store.js';
import { openStore } from './store/open-store.js';
import { loadFileDirectory } from './directory/file-directory.js';
import type { DirectoryProvider } from './directory/person.js';
import { loadCatalog } from './catalog/load-catalog.js';
import { loadTeamSlas } from './catalog/team-slas.js';
import { approvalStageInserter } from './approvals/insert-approval-stage.js';
import type { Catalog } from './catalog/catalog.js';
import { CatalogError } from './catalog/catalog-error.js';
import { createAuth, TokenService, type Auth } from './auth/index.js';
import { pino } from 'pino';
import { logFormat, loggerOptions } from './shared/logger.js';
import { OutboxNotifier } from './notify/outbox-notifier.js';
import { DeadLetters } from './notify/dead-letters.js';
import { IntegrationRegistry, type Integration } from './fulfilment/integration.js';
import type { Fulfilment } from './fulfilment/fulfilment.js';
import { createFulfilment } from './fulfilment/create-fulfilment.js';
import { composeFailurePolicy } from './fulfilment/compose-failure-policy.js';
import { IntegrationPolicies } from './fulfilment/integration-policies.js';
import { annotateSpan } from './shared/tracing.js';
import { startTracing } from './shared/tracing-sdk.js';
import type { RequestLifecycle } from './requests/request-lifecycle.js';
import { RequestService } from './requests/request-service.js';
import type { LifecycleContext } from './requests/lifecycle-context.js';
import { identityIntegration } from '../integrations/identity/identity-integration.js';
import { startEmbeddedIdentity } from '../integrations/identity/embedded-identity.js';
import { scimIntegration } from '../integrations/scim/scim-integration.js';
import { createConversationEngine, type FrontdoorConversationEngine } from './conversation/frontdoor-engine.js';
import { buildLearningUnderstanding } from './conversation/build-understanding.js';
import { llmAdvisorFrom } from './llm/llm-settings.js';
import { TrainingCandidates } from './triage/training-candidates.js';
import type { TriageService } from './triage/triage-service.js';
import { purgeIdleWebChats } from './channels/webchat/webchat-retention.js';
import { buildChannels, type Channel } from './channels/index.js';
import type { SlackChannel } from './channels/slack/slack-channel.js';
import { replicaClaims } from './replicas/replica-claims.js';
import { scheduleAcrossReplicas } from './replicas/scheduled-job.js';
import { remindApprovers } from './approvals/approval-reminders.js';
import { closeConfirmedRequests } from './requests/close-confirmed-requests.js';
import { deleteAfterLogin } from './requests/delete-after-login.js';
import { openingSealedInput } from './requests/sealed-step-input.js';
import { fieldCipherFrom } from './request-records/field-keys.js';
import { checkVersionsKept } from './request-records/request-type-snapshots.js';
import { PrometheusMetrics } from './http/prometheus-metrics.js';
import type { Metrics } from './shared/metrics.js';
import type { Understanding } from './conversation/engine-deps.js';
import { signInFrom, type SignIn } from './http/sign-in/index.js';
import { DatabaseDirectory } from './directory/database-directory.js';
import type { DirectorySource } from './directory/directory-source.js';
import { syncDirectory, type SyncOutcome } from './requests/sync-directory.js';
import { reconcileIdentity, type ReconciliationReport } from './fulfilment/reconcile-identity.js';
import type { IdentityInventory } from './fulfilment/identity-inventory.js';
import { scimDirectorySource } from '../integrations/scim/directory-source.js';
import { scimInventory } from '../integrations/scim/operations/list-inventory.js';
import { ldapDirectorySource } from '../integrations/ldap/ldap-directory-source.js';
import { Reports } from './reports/reports.js';

/**
 * The composition root: the only place that reads configuration and builds clients.
 * Everything else receives what it needs from here.
 */
export interface Deps {
  config: Config;
  store: Store;
  directory: DirectoryProvider;
  /** The validated catalog (intents, request types, lookups) from CATALOG_DIR. */
  catalog: Catalog;
  /** `auth.requireRole('agent')` as a route preHandler; sets request.principal. */
  auth: Auth;
  tokens: TokenService;
  /** Requests, approvals and status: what the conversation engine and the API call. */
  lifecycle: RequestLifecycle;
  /** The use cases' shared context (store, catalog, directory, clock, outbox, fulfilment). */
  lifecycleContext: LifecycleContext;
  /** Outbox notifier: every channel is registered with it (`notifier.register(...)`). */
  notifier: OutboxNotifier;
  /** Notifications whose attempts ran out: listed and retried by the service desk. */
  deadLetters: DeadLetters;
  integrations: IntegrationRegistry;
  /** Each integration's timeout, circuit breaker, concurrency and pause on this replica (GET /health/integrations). */
  integrationPolicies: IntegrationPolicies;
  /** Plans run from the queue by this replica's worker; teams' tasks; retry and override. */
  fulfilment: Fulfilment;
  /** The channel-neutral conversation engine every channel hands its turns to. */
  engine: FrontdoorConversationEngine;
  /** The service desk's triage queue (list, resolve). */
  triage: TriageService;
  /** Examples learnt from triage; accepting one retrains the classifier in the background. */
  trainingCandidates: TrainingCandidates;
  /** Every configured channel (src/channels/index.ts): inbound routes, outbound delivery. */
  channels: Channel[];
  /** The Slack channel, when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set. */
  slack?: SlackChannel;
  /** Counters and gauges for /metrics. */
  metrics: PrometheusMetrics;
  /** Sign-in with the organisation's OpenID provider, when OIDC_ISSUER is set. */
  signIn?: SignIn;
  /** One sync of the SCIM or LDAP directory now (also run every DIRECTORY_SYNC_MINUTES); absent with the file directory. */
  syncDirectory?: () => Promise<SyncOutcome>;
  /** One reconciliation of the identity system now (also run every RECONCILIATION_HOURS); absent without a SCIM identity system. */
  reconcile?: () => Promise<ReconciliationReport>;
  /** The KPI reports over the database (API and dashboard). */
  reports: Reports;
  /** The time as the app reads it (ms since the epoch). */
  now: () => number;
  close(): Promise<void>;
}

/** What the composition root is given besides configuration. */
export interface DepsOptions {
  /** Where the app reads the time (leases, backoffs, reminders, expiries); the system clock when left out. */
  clock?: { now(): number };
}

export async function buildDeps(config: Config, options: DepsOptions = {}): Promise<Deps> {
  const clock = options.clock ?? Date;
  const now = () => clock.now();
  // The file directory is read at start; a synced one (SCIM, LDAP) answers from the database.
  const fileDirectory = config.DIRECTORY_SOURCE === 'file' ? await loadFileDirectory(config.DIRECTORY_FILE) : undefined;
  const catalog = await loadCatalog(config.CATALOG_DIR);
  const teams = await loadTeamSlas(config.CATALOG_DIR, catalog.requestTypes);
  const store = openStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
  const directory: DirectoryProvider = fileDirectory ?? new DatabaseDirectory(store);
  const directorySource = directorySourceFrom(config);
  const inventory = identityInventoryFrom(config);
  const fieldCipher = fieldCipherFrom({ key: config.FIELD_ENCRYPTION_KEY, oldKeys: config.FIELD_ENCRYPTION_OLD_KEYS, databaseUrl: config.DATABASE_URL });
  const tokens = new TokenService(store, directory, now);
  const auth = createAuth({ tokens, directory, mode: config.FRONTDOOR_MODE });
  const log = pino(loggerOptions(config.LOG_LEVEL, logFormat(config)));
  // A request type changed without a new version stops the start. A database that cannot be
  // read yet does not (health shows it); submits of such a type are refused then instead.
  await checkVersionsKept(store.read, catalog).catch(async (error: unknown) => {
    if (!(error instanceof CatalogError)) return log.warn({ err: error }, 'could not compare the catalog with the versions requests were made under');
    await store.close();
    throw error;
  });
  const claims = replicaClaims(config.REPLICA_LEASE_MS);
  const notifier = new OutboxNotifier(store, log, {
    now,
    claims,
    policy: {
      maxAttempts: config.OUTBOX_MAX_ATTEMPTS, unreachableMs: config.OUTBOX_UNREACHABLE_MS, flushBudgetMs: claims.leaseMs,
      backoff: { firstMs: config.OUTBOX_RETRY_AFTER_MS, factor: 2, maxMs: 3_600_000 },
    },
  });
  const okta = config.IDENTITY_PROVIDER === 'okta';
  const embeddedIdentity = okta && !config.IDENTITY_API_URL && config.FRONTDOOR_MODE === 'embedded' ? await startEmbeddedIdentity(directory, catalog) : undefined;
  const identityCredentials = config.IDENTITY_API_URL && config.IDENTITY_API_TOKEN ? { baseUrl: config.IDENTITY_API_URL, token: config.IDENTITY_API_TOKEN } : embeddedIdentity?.credentials;
  const metrics = new PrometheusMetrics();
  const tracing = startTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME });
  // One identity connector, chosen by IDENTITY_PROVIDER; both answer to `integration: identity`.
  // Connectors get sensitive answers opened; everything else sees them sealed or masked.
  const integrationList: Integration[] = (
    !okta && config.SCIM_BASE_URL && config.SCIM_TOKEN
      ? [scimIntegration({ baseUrl: config.SCIM_BASE_URL, token: config.SCIM_TOKEN })]
      : okta && identityCredentials ? [identityIntegration(identityCredentials)] : []
  ).map((i) => openingSealedInput(i, fieldCipher));
  const integrations = new IntegrationRegistry(integrationList.map((i) => timedIntegration(i, metrics)));
  const failurePolicy = composeFailurePolicy(
    { attempts: config.FULFILMENT_STEP_ATTEMPTS, firstRetryMs: config.FULFILMENT_RETRY_AFTER_MS, callTimeoutMs: config.FULFILMENT_CALL_TIMEOUT_MS },
    integrationList,
    config.INTEGRATION_POLICIES,
  );
  const integrationPolicies = new IntegrationPolicies(failurePolicy, { now, metrics, integrationIds: integrations.ids() });
  metrics.watchIntegrations(() => integrationPolicies.health());
  const fulfilment = createFulfilment({ store, catalog: () => catalog, directory, integrations, outbox: notifier, now, log, claims, timeZone: config.TIME_ZONE, failurePolicy, integrationPolicies, accessWarningMs: config.ACCESS_EXPIRY_WARN_DAYS * 86_400_000, teams, insertApprovalStage: approvalStageInserter(() => catalog) });
  const lifecycleContext: LifecycleContext = { store, catalog: () => catalog, directory, outbox: notifier, fulfilment, now, timeZone: config.TIME_ZONE, log, fieldCipher };
  const lifecycle = new RequestService(lifecycleContext);
  const trainingCandidates = new TrainingCandidates({ store, catalog, clock: () => new Date(now()), retrain: () => learning.retrain() });
  const learning = await buildLearningUnderstanding({
    catalog, cacheDir: config.NLU_CACHE_DIR, timeZone: config.TIME_ZONE, logger: log,
    llm: llmAdvisorFrom(config, log), acceptedExamples: () => trainingCandidates.acceptedExamples(),
    thresholds: { ...(config.NLU_CONFIDENT_THRESHOLD !== undefined ? { confident: config.NLU_CONFIDENT_THRESHOLD } : {}), ...(config.NLU_AMBIGUOUS_MARGIN !== undefined ? { margin: config.NLU_AMBIGUOUS_MARGIN } : {}) },
  });
  const understanding = countedDecisions(learning.understanding, metrics);
  const engine = createConversationEngine({
    catalog, understanding, directory, store, lifecycle, notifier, clock: () => new Date(now()), timeZone: config.TIME_ZONE, logger: log, claims, turnsPerMinute: config.TURNS_PER_MINUTE, metrics, fieldCipher,
  });
  const signIn = signInFrom(config, directory, now);
  const channels = buildChannels({
    config, store, directory, catalog, engine, lifecycle, auth, tokens, notifier, log, claims,
    ...(signIn ? { signedIn: (request, reply) => signIn.scriptPrincipal(request, reply) } : {}),
  });
  for (const channel of channels) notifier.register(channel);
  const slack = channels.find((c): c is SlackChannel => c.channel === 'slack');
  // Work that outlives a replica: scheduled once across replicas, or taken over when its replica dies.
  const syncNow = directorySource ? () => syncDirectory(lifecycleContext, directorySource) : undefined;
  const reconcileNow = inventory ? () => reconcileIdentity({ store, directory, inventory, outbox: notifier, now, log }) : undefined;
  const stopJobs = [
    scheduleAcrossReplicas({ store, claims, log, now }, { name: 'abandoned-dialogs', everyMs: 60 * 60 * 1000, run: () => engine.markAbandonedDialogs() }),
    scheduleAcrossReplicas({ store, claims, log, now }, { name: 'web-chat-retention', everyMs: 24 * 60 * 60 * 1000, run: () => purgeIdleWebChats(store, now(), config.WEBCHAT_RETENTION_DAYS) }),
    scheduleAcrossReplicas({ store, claims, log, now }, { name: 'fulfilment-queue', everyMs: claims.leaseMs, run: () => fulfilment.sweep() }),
    scheduleAcrossReplicas({ store, claims, log, now }, { name: 'access-expiry', everyMs: 15 * 60 * 1000, run: () => fulfilment.expireAccess() }),
    ...(config.REQUEST_CONFIRMATION_DAYS > 0 ? [scheduleAcrossReplicas({ store, claims, log, now }, {
      name: 'close-fulfilled', everyMs: 60 * 60 * 1000, run: () => closeConfirmedRequests(lifecycleContext, config.REQUEST_CONFIRMATION_DAYS * 86_400_000),
    })] : []),
    scheduleAcrossReplicas({ store, claims, log, now }, { name: 'delete-after-login', everyMs: 60 * 60 * 1000, run: () => deleteAfterLogin(lifecycleContext, integrations) }),
    ...(config.APPROVAL_REMINDER_HOURS > 0 ? [scheduleAcrossReplicas({ store, claims, log, now }, {
      name: 'approval-reminders', everyMs: 15 * 60 * 1000, run: () => remindApprovers(lifecycleContext, config.APPROVAL_REMINDER_HOURS * 3_600_000),
    })] : []),
    ...(syncNow ? [scheduleAcrossReplicas({ store, claims, log, now }, { name: 'directory-sync', everyMs: config.DIRECTORY_SYNC_MINUTES * 60_000, run: syncNow })] : []),
    ...(reconcileNow && config.RECONCILIATION_HOURS > 0 ? [scheduleAcrossReplicas({ store, claims, log, now }, {
      // A restart does not reconcile again before the interval since the last report is over.
      name: 'reconciliation', everyMs: config.RECONCILIATION_HOURS * 3_600_000, run: async () => {
        const latest = await store.read.directory.latestReport();
        if (!latest || now() - latest.createdAt >= config.RECONCILIATION_HOURS * 3_600_000 * 0.9) await reconcileNow();
      },
    })] : []),
    scheduleAcrossReplicas({ store, claims, log, now }, { name: 'task-sla-breaches', everyMs: 5 * 60 * 1000, run: () => fulfilment.recordSlaBreaches() }),
  ];
  notifier.startSweeping();
  return {
    config,
    store,
    directory,
    catalog,
    auth,
    tokens,
    lifecycle,
    lifecycleContext,
    notifier,
    deadLetters: new DeadLetters({ store, deliver: (personId) => notifier.reachable(personId), now }),
    integrations,
    integrationPolicies,
    fulfilment,
    engine,
    triage: engine.triage,
    trainingCandidates,
    channels,
    ...(slack ? { slack } : {}),
    metrics,
    ...(signIn ? { signIn } : {}),
    ...(syncNow ? { syncDirectory: syncNow } : {}),
    ...(reconcileNow ? { reconcile: reconcileNow } : {}),
    reports: new Reports({ store, catalog, now }),
    now,
    async close() {
      for (const stop of stopJobs) stop();
      await fulfilment.stop();
      notifier.stopSweeping();
      // Work acked before the shutdown (Slack turns, deliveries) finishes before the store closes.
      for (const channel of channels) await channel.idle();
      await notifier.flush().catch((err: unknown) => log.warn({ err }, 'last outbox flush failed; rows stay for the next start'));
      await embeddedIdentity?.server.close();
      await store.close();
      await tracing.stop().catch((err: unknown) => log.warn({ err }, 'the last spans could not be exported'));
    },
  };
}

/** The connector a synced directory reads from (DIRECTORY_SOURCE), or none for the file. */
function directorySourceFrom(config: Config): DirectorySource | undefined {
  if (config.DIRECTORY_SOURCE === 'scim' && config.DIRECTORY_SCIM_URL && config.DIRECTORY_SCIM_TOKEN) {
    return scimDirectorySource({ baseUrl: config.DIRECTORY_SCIM_URL, token: config.DIRECTORY_SCIM_TOKEN }, { pageSize: config.DIRECTORY_SCIM_PAGE_SIZE });
  }
  if (config.DIRECTORY_SOURCE === 'ldap' && config.LDAP_URL && config.LDAP_BASE_DN) {
    return ldapDirectorySource({
      url: config.LDAP_URL, bindDn: config.LDAP_BIND_DN, bindPassword: config.LDAP_BIND_PASSWORD, baseDn: config.LDAP_BASE_DN,
      userFilter: config.LDAP_USER_FILTER, groupBaseDn: config.LDAP_GROUP_BASE_DN, groupFilter: config.LDAP_GROUP_FILTER,
      attributes: config.LDAP_ATTRIBUTES, pageSize: config.LDAP_PAGE_SIZE,
    });
  }
  return undefined;
}

/** What reconciliation lists the identity system with: the SCIM identity system's users and groups. */
function identityInventoryFrom(config: Config): IdentityInventory | undefined {
  if (config.IDENTITY_PROVIDER !== 'scim' || !config.SCIM_BASE_URL || !config.SCIM_TOKEN) return undefined;
  return scimInventory({ baseUrl: config.SCIM_BASE_URL, token: config.SCIM_TOKEN }, { pageSize: config.DIRECTORY_SCIM_PAGE_SIZE });
}

/** The classifier's decisions counted for /metrics, the understanding otherwise unchanged. */
function countedDecisions(understanding: Understanding, metrics: Metrics): Understanding {
  return Object.assign(Object.create(understanding) as Understanding, {
    decide(ranked: Parameters<Understanding['decide']>[0]) {
      const decision = understanding.decide(ranked);
      metrics.classified(decision.kind);
      annotateSpan({ 'frontdoor.intent.decision': decision.kind });
      return decision;
    },
  });
}

/** Every operation's calls timed and counted by outcome for /metrics. */
function timedIntegration(integration: Integration, metrics: Metrics): Integration {
  const operations = Object.fromEntries(Object.entries(integration.operations).map(([name, operation]) => [name, async (...args: Parameters<typeof operation>) => {
    const started = performance.now();
    try {
      const answer = await operation(...args);
      metrics.integrationCall(integration.id, name, 'ok', (performance.now() - started) / 1000);
      return answer;
    } catch (error) {
      metrics.integrationCall(integration.id, name, 'failed', (performance.now() - started) / 1000);
      throw error;
    }
  }]));
  return { ...integration, operations };
}
