import { z } from 'zod';
import { isLoopbackHost } from './loopback.js';
import { integrationPoliciesByIdSchema } from './integration-policy-settings.js';

/**
 * Every setting Frontdoor reads from the environment. The README's configuration table
 * is written from this schema; keep the two together.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty`: one readable line per event (pino-pretty, development); `json`: one JSON object per line. Default: pretty when NODE_ENV=development. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  DATABASE_URL: z.string().min(1).default('./data/frontdoor.db'),
  /** Postgres connections each process keeps at most (replicas x this must fit max_connections). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(10),
  /**
   * How long a replica's claim on work (a Slack event, a conversation turn, a fulfilment step,
   * outbox messages) lasts without renewal: work of a replica that died is taken over after this.
   */
  REPLICA_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  CATALOG_DIR: z.string().min(1).default('.'),
  DIRECTORY_FILE: z.string().min(1).default('integrations/sample-directory/people.yaml'),
  /**
   * `embedded`: a demo on one machine (the web chat's person picker is trusted and
   * /api/v1/people is open). `secure` by default when NODE_ENV=production.
   */
  FRONTDOOR_MODE: z.enum(['embedded', 'secure']).default('embedded'),
  /** Lets the embedded mode listen on a non-loopback HOST; set on purpose, for a demo on a closed network. */
  FRONTDOOR_ALLOW_EMBEDDED_ON_NETWORK: z.enum(['true', 'false']).default('false'),
  /**
   * Seals answers to sensitive fields in the database (AES-256-GCM): 32 random bytes, base64
   * (`openssl rand -base64 32`). Required in the secure mode; the embedded mode makes one and
   * keeps it in field-encryption.key beside the SQLite file when unset.
   */
  FIELD_ENCRYPTION_KEY: base64Key().optional(),
  /** Earlier keys, comma-separated: values sealed before a rotation still open with them. */
  FIELD_ENCRYPTION_OLD_KEYS: commaList(base64Key(), 20),
  /** Secret that signs web chat (Direct Line) tokens outside the embedded mode. */
  DIRECTLINE_SECRET: z.string().min(16).optional(),
  /** Activities one web chat conversation may hold; a full one asks the person to start a new chat. */
  WEBCHAT_MAX_ACTIVITIES_PER_CONVERSATION: z.coerce.number().int().min(10).max(1_000_000).default(2000),
  /** Web chat conversations one person may open in a day. */
  WEBCHAT_MAX_CONVERSATIONS_PER_PERSON_PER_DAY: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Web chat conversations unused this many days are deleted with their activities. */
  WEBCHAT_RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(30),
  /** No web chat token lives past this many hours after the first was issued, however often it is refreshed. */
  WEBCHAT_TOKEN_MAX_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(12),
  /** The address people open Frontdoor at (https://frontdoor.example.com); the sign-in callback is under it. */
  PUBLIC_URL: z.url().optional(),
  /**
   * Single sign-on with the organisation's OpenID Connect provider (Entra ID, Okta, Keycloak,
   * Google): on when OIDC_ISSUER is set. People sign in to the console and, in secure mode,
   * the web chat; they are matched to the directory by OIDC_EMAIL_CLAIM.
   */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Unset: a public client (PKCE only, no client authentication). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The redirect URL registered with the provider; PUBLIC_URL + /sign-in/callback when unset. */
  OIDC_REDIRECT_URL: z.url().optional(),
  OIDC_SCOPES: z.string().min(1).default('openid email profile'),
  /** The claim (ID token or userinfo) holding the directory email: `email`, `preferred_username`, `upn`, or `sub` where the subject is the email. */
  OIDC_EMAIL_CLAIM: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'is a claim name').default('email'),
  /**
   * Encrypts the session cookies: at least 32 characters. Several, comma-separated, rotate
   * keys: the first encrypts, every one decrypts.
   */
  SESSION_SECRET: commaList(z.string().min(32, 'SESSION_SECRET needs at least 32 characters'), 10),
  /** A sign-in lasts this many hours; then the person signs in again. */
  SESSION_HOURS: z.coerce.number().min(0.05).max(24 * 7).default(8),
  NLU_CACHE_DIR: z.string().min(1).default('./data/nlu-cache'),
  NLU_CONFIDENT_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  NLU_AMBIGUOUS_MARGIN: z.coerce.number().min(0).max(1).optional(),
  /**
   * The load balancers' addresses (comma-separated IPs or CIDRs) whose X-Forwarded-For is
   * believed; unset: none, the connecting address is the client's.
   */
  TRUST_PROXY: z.string().min(1).optional(),
  /** API and web chat requests a minute for one person or, without a credential, one address. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Web chat tokens and conversations started a minute from one address. */
  TOKEN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** Longest an HTTP request may take to arrive and be answered before the connection is closed. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** The OpenAPI description and its viewer at /docs; on by default only in the embedded mode. */
  API_DOCS: z.enum(['true', 'false']).optional(),
  /** Bearer token a Prometheus scraper sends to /metrics; without one, /metrics answers only direct loopback requests. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  TIME_ZONE: z.string().min(1).default('UTC'),
  /**
   * Which identity connector the catalog's `integration: identity` steps use: `okta` (the
   * Okta-style API below) or `scim` (any SCIM 2.0 service, SCIM_BASE_URL and SCIM_TOKEN).
   */
  IDENTITY_PROVIDER: z.enum(['okta', 'scim']).default('okta'),
  /** Identity system (Okta-style API). Unset in embedded mode: a local fake runs in-process. */
  IDENTITY_API_URL: z.url().optional(),
  IDENTITY_API_TOKEN: z.string().min(1).optional(),
  /** The SCIM 2.0 service's base URL (the one that ends in /scim/v2 or similar, before /Users). */
  SCIM_BASE_URL: z.url().optional(),
  /** Its bearer token. */
  SCIM_TOKEN: z.string().min(1).optional(),
  /**
   * Optional language model (any OpenAI-compatible endpoint): a second opinion when the
   * classifier is unsure, and field values from free text. On when OPENAI_BASE_URL or
   * OPENAI_API_KEY is set, unless LLM_ENABLED=false.
   */
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** Model for field extraction; OPENAI_MODEL when unset. */
  OPENAI_EXTRACTION_MODEL: z.string().min(1).optional(),
  LLM_ENABLED: z.enum(['true', 'false']).optional(),
  /** Messages one person may send in a minute (per replica); more are answered with a request to slow down. */
  TURNS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Questions to the language model a day (per replica); past it the local result stands until the next day (UTC). */
  LLM_DAILY_CALLS: z.coerce.number().int().min(0).max(10_000_000).default(2000),
  /** One attempt per question, no retries; past this the local result stands. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** After a 429 the model is left alone this long (or for its Retry-After). */
  LLM_COOLDOWN_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /**
   * Calls of a fulfilment integration step before it fails the request (1: no retry); only errors the system may not give again are retried.
   * The FULFILMENT_* settings apply to every integration: unset, each integration's manifest decides (else 4, 5 s, 30 s); set, they beat the manifests; INTEGRATION_POLICIES beats them for one integration.
   */
  FULFILMENT_STEP_ATTEMPTS: z.coerce.number().int().min(1).max(20).optional(),
  /** The median wait before a step's first retry, doubled before each next one with jitter (at most an hour), or longer when the system sends Retry-After. */
  FULFILMENT_RETRY_AFTER_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
  /** Offers of an outbox message to the person's channels before it is a dead letter (shown to the service desk). */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** The wait after an outbox message's first failed attempt, doubled after each next one (at most an hour). */
  OUTBOX_RETRY_AFTER_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  /** How long a person no channel reaches (no web chat, not in Slack) is remembered as such, on every replica. */
  OUTBOX_UNREACHABLE_MS: z.coerce.number().int().min(0).max(24 * 3_600_000).default(15 * 60_000),
  /** How long one integration call may take before it counts as no answer (and is retried). */
  FULFILMENT_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  /** A fulfilled request is closed this many days after fulfilment when nobody reported a problem (0: never). */
  REQUEST_CONFIRMATION_DAYS: z.coerce.number().min(0).max(365).default(5),
  /** An approver who has not answered for this many hours gets the card again, as a reminder (0: never). */
  APPROVAL_REMINDER_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  /** Holders of time-bound access (a 30-day VPN) are told this many days before it is removed; 0: not told before. */
  ACCESS_EXPIRY_WARN_DAYS: z.coerce.number().min(0).max(365).default(3),
  /** Slack is on when the signing secret and bot token are both set. */
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  /** Web API base URL: Slack's, or a local fake in tests. */
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  /** An app-level token (xapp-...) switches Slack to Socket Mode: no public Request URL needed. */
  SLACK_APP_TOKEN: z.string().min(1).optional(),
  SLACK_COMMAND: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, 'must look like /request').default('/request'),
  /** Channel id where low-confidence messages are posted for the service desk. */
  SLACK_TRIAGE_CHANNEL: z.string().min(1).optional(),
  /** Retries of a failed or rate-limited Web API call (429 Retry-After is honoured), never unbounded. */
  SLACK_API_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /**
   * Slack workspaces (T...) and organisations (E...) whose members are employees, comma-separated.
   * Unset: the workspace the bot token belongs to (and its organisation). People from anywhere
   * else (Slack Connect, is_stranger) are never mapped to directory people.
   */
  SLACK_ALLOWED_TEAM_IDS: commaList(z.string().regex(/^T[A-Z0-9]+$/, 'team ids look like T0123ABCD'), 100),
  SLACK_ALLOWED_ENTERPRISE_IDS: commaList(z.string().regex(/^E[A-Z0-9]+$/, 'enterprise ids look like E0123ABCD'), 100),
  /**
   * Microsoft Teams (Bot Framework). With an app id every activity's token is verified;
   * without one Teams runs only with TEAMS_ENABLED=true, unauthenticated, which secure mode refuses.
   */
  MicrosoftAppId: z.string().trim().min(1).optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().trim().min(1).optional(),
  /** Teams on without an app id (authentication off): for a local Bot Framework Emulator or tests, never in secure mode. */
  TEAMS_ENABLED: z.enum(['true', 'false']).optional(),
  /** Azure AD tenants whose people may use Frontdoor in Teams, comma-separated; unset: MicrosoftAppTenantId's (any, only without it and outside secure mode). */
  TEAMS_ALLOWED_TENANT_IDS: commaList(z.string().toLowerCase().regex(/^[0-9a-f-]{8,64}$/, 'tenant ids are GUIDs'), 100),
  /** The Teams channel (its conversation id, 19:...@thread.tacv2) where the service desk triages. */
  TEAMS_TRIAGE_CHANNEL: z.string().trim().min(1).max(300).optional(),
  /** The Bot Connector service URL for the triage channel before anyone talked there (Teams' global one by default). */
  TEAMS_SERVICE_URL: z.url().default('https://smba.trafficmanager.net/teams/'),
  /** Bot Framework's OpenID metadata (its signing keys); another cloud's, or a local one in tests. */
  ToBotFromChannelOpenIdMetadataUrl: z.url().optional(),
  /** Where the bot gets its tokens for calling the Bot Connector; another cloud's, or a local one in tests. */
  ToChannelFromBotLoginUrl: z.url().optional(),
  /**
   * Call policies per integration, as JSON by integration id, over the manifest and FULFILMENT_*:
   * `{"identity":{"timeoutMs":10000,"attempts":5,"backoff":{"firstMs":2000},"breaker":{"threshold":3,"halfOpenAfterMs":60000},"maxConcurrent":2}}`.
   */
  INTEGRATION_POLICIES: z.string().optional().transform((text, ctx) => {
    if (!text?.trim()) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not JSON; write it as {"<integration id>": {"timeoutMs": 10000, ...}}' });
      return z.NEVER;
    }
    const checked = integrationPoliciesByIdSchema.safeParse(parsed);
    if (!checked.success) {
      for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || 'the value'}: ${issue.message}` });
      return z.NEVER;
    }
    return checked.data;
  }),
  /** OTLP/HTTP endpoint (the collector's base URL; spans go to <it>/v1/traces). Unset: no tracing, nothing exported. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** The service name spans carry. */
  OTEL_SERVICE_NAME: z.string().min(1).default('frontdoor'),
  /**
   * Where people, managers and groups come from: `file` (DIRECTORY_FILE, read at start), or a
   * SCIM 2.0 service or an LDAP directory synced into the database every DIRECTORY_SYNC_MINUTES.
   */
  DIRECTORY_SOURCE: z.enum(['file', 'scim', 'ldap']).default('file'),
  /** Minutes between two syncs of a SCIM or LDAP directory (once across replicas). */
  DIRECTORY_SYNC_MINUTES: z.coerce.number().min(1).max(7 * 24 * 60).default(60),
  /** The SCIM 2.0 service people are read from (GET /Users, GET /Groups), before /Users. */
  DIRECTORY_SCIM_URL: z.url().optional(),
  DIRECTORY_SCIM_TOKEN: z.string().min(1).optional(),
  /** Resources asked for per page (count) when reading users and groups from SCIM. */
  DIRECTORY_SCIM_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** The LDAP directory: ldap:// or ldaps:// URL. */
  LDAP_URL: z.string().regex(/^ldaps?:\/\/[^\s]+$/, 'must be an ldap:// or ldaps:// URL').optional(),
  /** Who Frontdoor binds as (read-only is enough); anonymous when unset. */
  LDAP_BIND_DN: z.string().min(1).optional(),
  LDAP_BIND_PASSWORD: z.string().min(1).optional(),
  /** Where people are searched (subtree). */
  LDAP_BASE_DN: z.string().min(1).optional(),
  /** Which entries are people; leave leavers out here (an inactive flag, a disabled OU). */
  LDAP_USER_FILTER: z.string().min(3).default('(&(objectClass=inetOrgPerson)(mail=*))'),
  /** Where groups are searched; LDAP_BASE_DN when unset. */
  LDAP_GROUP_BASE_DN: z.string().min(1).optional(),
  /** Which entries are groups (their `member` or `uniqueMember` lists give memberships); `none` reads memberOf on people only. */
  LDAP_GROUP_FILTER: z.string().min(3).default('(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))'),
  /**
   * Attribute mapping over the defaults, comma-separated field=attribute: email=mail,
   * name=displayName, manager=manager (a DN), department=ou, title=title, role=employeeType,
   * costCentre=departmentNumber, location=l, memberOf=memberOf. E.g. `department=department,costCentre=extensionAttribute1`.
   */
  LDAP_ATTRIBUTES: commaList(z.string().regex(/^(email|name|manager|department|title|role|costCentre|location|memberOf)=[A-Za-z][\w-]*$/, 'each entry is field=attribute, fields: email, name, manager, department, title, role, costCentre, location, memberOf'), 9),
  /** Entries asked for per page of a paged search (RFC 2696). */
  LDAP_PAGE_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  /** Hours between two reconciliations of the identity system with what Frontdoor provisioned (0: never); needs IDENTITY_PROVIDER=scim. */
  RECONCILIATION_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  /**
   * The shared secret HR signs its joiner, mover and leaver events with (POST /hooks/hr,
   * docs/fulfilment.md); unset: the route does not exist. At least 32 characters in secure mode.
   */
  HR_WEBHOOK_SECRET: z.string().min(1).optional(),
}).superRefine((c, ctx) => {
  directorySourceProblems(c).forEach((p) => ctx.addIssue({ code: 'custom', ...p }));
  if (c.FRONTDOOR_MODE === 'embedded') embeddedModeProblems(c).forEach((p) => ctx.addIssue({ code: 'custom', ...p }));
  if (c.FRONTDOOR_MODE === 'secure' && !c.DIRECTLINE_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['DIRECTLINE_SECRET'], message: 'is required when FRONTDOOR_MODE=secure (web chat tokens must be signed)' });
  }
  if (c.FRONTDOOR_MODE === 'secure' && !c.FIELD_ENCRYPTION_KEY) {
    ctx.addIssue({ code: 'custom', path: ['FIELD_ENCRYPTION_KEY'], message: 'is required when FRONTDOOR_MODE=secure (sensitive answers are encrypted with it); make one with `openssl rand -base64 32` and keep it with your backups' });
  }
  signInProblems(c).forEach((p) => ctx.addIssue({ code: 'custom', ...p }));
  if (c.IDENTITY_API_URL && !c.IDENTITY_API_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['IDENTITY_API_TOKEN'], message: 'is required when IDENTITY_API_URL is set' });
  }
  scimProblems(c).forEach((p) => ctx.addIssue({ code: 'custom', ...p }));
  teamsProblems(c).forEach((p) => ctx.addIssue({ code: 'custom', ...p }));
  if (c.FRONTDOOR_MODE === 'secure' && c.HR_WEBHOOK_SECRET !== undefined && c.HR_WEBHOOK_SECRET.length < 32) {
    ctx.addIssue({ code: 'custom', path: ['HR_WEBHOOK_SECRET'], message: 'must be at least 32 characters when FRONTDOOR_MODE=secure (make one with `openssl rand -hex 32`)' });
  }
  if (Boolean(c.SLACK_SIGNING_SECRET) !== Boolean(c.SLACK_BOT_TOKEN)) {
    ctx.addIssue({ code: 'custom', path: [c.SLACK_SIGNING_SECRET ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET'], message: 'Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN' });
  }
});

export type Config = z.infer<typeof configSchema>;

function base64Key() {
  return z.string().trim().refine((text) => /^[A-Za-z0-9+/]+={0,2}$/.test(text) && Buffer.from(text, 'base64').length === 32, 'must be 32 random bytes in base64 (openssl rand -base64 32)');
}

/** A comma-separated setting: entries trimmed, blanks dropped, each checked by `entry`, at most `max`. */
function commaList<T>(entry: z.ZodType<T, string>, max: number) {
  return z.string().default('')
    .transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(entry).max(max));
}

/** Teams settings that contradict each other or the mode. */
function teamsProblems(c: { FRONTDOOR_MODE: string; MicrosoftAppId?: string | undefined; MicrosoftAppPassword?: string | undefined; MicrosoftAppType: string; MicrosoftAppTenantId?: string | undefined; TEAMS_ENABLED?: string | undefined; TEAMS_ALLOWED_TENANT_IDS: string[] }): Array<{ path: string[]; message: string }> {
  const problems: Array<{ path: string[]; message: string }> = [];
  if (!c.MicrosoftAppId) {
    if (c.TEAMS_ENABLED === 'true' && c.FRONTDOOR_MODE === 'secure') {
      problems.push({ path: ['MicrosoftAppId'], message: 'is required for Teams when FRONTDOOR_MODE=secure (without it nobody checks who sends activities)' });
    }
    return problems;
  }
  if (c.MicrosoftAppType !== 'UserAssignedMSI' && !c.MicrosoftAppPassword) {
    problems.push({ path: ['MicrosoftAppPassword'], message: `is required with MicrosoftAppId for MicrosoftAppType=${c.MicrosoftAppType}` });
  }
  if (c.MicrosoftAppType !== 'MultiTenant' && !c.MicrosoftAppTenantId) {
    problems.push({ path: ['MicrosoftAppTenantId'], message: `is required for MicrosoftAppType=${c.MicrosoftAppType}` });
  }
  if (c.FRONTDOOR_MODE === 'secure' && c.TEAMS_ENABLED !== 'false' && !c.MicrosoftAppTenantId && c.TEAMS_ALLOWED_TENANT_IDS.length === 0) {
    problems.push({ path: ['TEAMS_ALLOWED_TENANT_IDS'], message: 'name the tenants whose people may use Teams (or set MicrosoftAppTenantId) when FRONTDOOR_MODE=secure' });
  }
  return problems;
}

/**
 * The embedded mode trusts whoever says who they are, so it only runs where nobody else can
 * reach it: never in production, on a loopback address, against no real identity system.
 */
function embeddedModeProblems(c: { NODE_ENV: string; HOST: string; IDENTITY_API_URL?: string | undefined; SCIM_BASE_URL?: string | undefined; DIRECTORY_SCIM_URL?: string | undefined; LDAP_URL?: string | undefined; FRONTDOOR_ALLOW_EMBEDDED_ON_NETWORK: string }): Array<{ path: string[]; message: string }> {
  const problems: Array<{ path: string[]; message: string }> = [];
  if (c.NODE_ENV === 'production') {
    problems.push({ path: ['FRONTDOOR_MODE'], message: 'embedded trusts anyone to say who they are and is refused with NODE_ENV=production; use FRONTDOOR_MODE=secure' });
  }
  if (!isLoopbackHost(c.HOST) && c.FRONTDOOR_ALLOW_EMBEDDED_ON_NETWORK !== 'true') {
    problems.push({ path: ['HOST'], message: `the embedded mode listens on loopback only (127.0.0.1, ::1, localhost), not ${c.HOST}; use FRONTDOOR_MODE=secure, or set FRONTDOOR_ALLOW_EMBEDDED_ON_NETWORK=true for a demo on a closed network` });
  }
  if (c.IDENTITY_API_URL && !isLoopbackHost(new URL(c.IDENTITY_API_URL).hostname)) {
    problems.push({ path: ['IDENTITY_API_URL'], message: 'a real identity system is refused in the embedded mode (anyone could act as anyone there); use FRONTDOOR_MODE=secure' });
  }
  if (c.SCIM_BASE_URL && !isLoopbackHost(new URL(c.SCIM_BASE_URL).hostname)) {
    problems.push({ path: ['SCIM_BASE_URL'], message: 'a real identity system is refused in the embedded mode (anyone could act as anyone there); use FRONTDOOR_MODE=secure' });
  }
  // The embedded mode lists the directory to anyone (/api/v1/people): never a real one.
  for (const key of ['DIRECTORY_SCIM_URL', 'LDAP_URL'] as const) {
    const value = c[key];
    if (value && !isLoopbackHost(new URL(value).hostname)) {
      problems.push({ path: [key], message: 'a real directory is refused in the embedded mode (anyone could list its people there); use FRONTDOOR_MODE=secure' });
    }
  }
  return problems;
}

/** SCIM needs its URL and token; either alone, or set while another provider is chosen, is a mistake said at start. */
function scimProblems(c: { IDENTITY_PROVIDER: string; SCIM_BASE_URL?: string | undefined; SCIM_TOKEN?: string | undefined }): Array<{ path: string[]; message: string }> {
  if (c.IDENTITY_PROVIDER === 'scim') {
    return [
      ...(c.SCIM_BASE_URL ? [] : [{ path: ['SCIM_BASE_URL'], message: 'is required when IDENTITY_PROVIDER=scim' }]),
      ...(c.SCIM_TOKEN ? [] : [{ path: ['SCIM_TOKEN'], message: 'is required when IDENTITY_PROVIDER=scim' }]),
    ];
  }
  return c.SCIM_BASE_URL || c.SCIM_TOKEN ? [{ path: ['IDENTITY_PROVIDER'], message: 'is okta, so SCIM_BASE_URL and SCIM_TOKEN would be ignored; set IDENTITY_PROVIDER=scim to use them' }] : [];
}

/** Sign-in needs its client, a session key and a callback address the provider can send people back to. */
function signInProblems(c: { OIDC_ISSUER?: string | undefined; OIDC_CLIENT_ID?: string | undefined; OIDC_REDIRECT_URL?: string | undefined; PUBLIC_URL?: string | undefined; SESSION_SECRET: string[] }): Array<{ path: string[]; message: string }> {
  if (!c.OIDC_ISSUER) return [];
  const problems: Array<{ path: string[]; message: string }> = [];
  if (!c.OIDC_CLIENT_ID) problems.push({ path: ['OIDC_CLIENT_ID'], message: 'is required when OIDC_ISSUER is set' });
  if (c.SESSION_SECRET.length === 0) problems.push({ path: ['SESSION_SECRET'], message: 'is required when OIDC_ISSUER is set (it encrypts the session cookies)' });
  if (!c.OIDC_REDIRECT_URL && !c.PUBLIC_URL) problems.push({ path: ['OIDC_REDIRECT_URL'], message: 'set OIDC_REDIRECT_URL or PUBLIC_URL when OIDC_ISSUER is set' });
  for (const key of ['OIDC_ISSUER', 'OIDC_REDIRECT_URL', 'PUBLIC_URL'] as const) {
    const value = c[key];
    if (value && new URL(value).protocol !== 'https:' && !isLoopbackHost(new URL(value).hostname)) {
      problems.push({ path: [key], message: 'must be https (plain http only on this machine, for development)' });
    }
  }
  return problems;
}

/** A synced directory needs where and how to read it; a bind DN without its password is a mistake said at start. */
function directorySourceProblems(c: { DIRECTORY_SOURCE: string; DIRECTORY_SCIM_URL?: string | undefined; DIRECTORY_SCIM_TOKEN?: string | undefined; LDAP_URL?: string | undefined; LDAP_BASE_DN?: string | undefined; LDAP_BIND_DN?: string | undefined; LDAP_BIND_PASSWORD?: string | undefined }): Array<{ path: string[]; message: string }> {
  const required = (keys: Array<keyof typeof c>, source: string) =>
    keys.filter((key) => !c[key]).map((key) => ({ path: [String(key)], message: `is required when DIRECTORY_SOURCE=${source}` }));
  if (c.DIRECTORY_SOURCE === 'scim') return required(['DIRECTORY_SCIM_URL', 'DIRECTORY_SCIM_TOKEN'], 'scim');
  if (c.DIRECTORY_SOURCE === 'ldap') {
    return [
      ...required(['LDAP_URL', 'LDAP_BASE_DN'], 'ldap'),
      ...(c.LDAP_BIND_DN && !c.LDAP_BIND_PASSWORD ? [{ path: ['LDAP_BIND_PASSWORD'], message: 'is required when LDAP_BIND_DN is set' }] : []),
    ];
  }
  return [];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known: Record<string, string | undefined> = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  // Production is secure unless told otherwise (and the embedded mode refuses production).
  known.FRONTDOOR_MODE ??= known.NODE_ENV === 'production' ? 'secure' : 'embedded';
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  }
  return parsed.data;
}
