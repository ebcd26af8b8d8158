import { z } from 'zod';

/**
 * Every setting Frontdoor reads from the environment. The README's configuration table
 * is written from this schema; keep the two together.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  /** Dev mode: the web chat's person picker is trusted and /api/v1/people is open. */
  FRONTDOOR_MODE: z.enum(['embedded', 'secure']).default('embedded'),
  /** Secret that signs web chat (Direct Line) tokens outside the embedded mode. */
  DIRECTLINE_SECRET: z.string().min(16).optional(),
  NLU_CACHE_DIR: z.string().min(1).default('./data/nlu-cache'),
  NLU_CONFIDENT_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  NLU_AMBIGUOUS_MARGIN: z.coerce.number().min(0).max(1).optional(),
  PUBLIC_URL: z.url().optional(),
  TIME_ZONE: z.string().min(1).default('UTC'),
  /** Identity system (Okta-style API). Unset in embedded mode: a local fake runs in-process. */
  IDENTITY_API_URL: z.url().optional(),
  IDENTITY_API_TOKEN: z.string().min(1).optional(),
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
  /** One attempt per question, no retries; past this the local result stands. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** After a 429 the model is left alone this long (or for its Retry-After). */
  LLM_COOLDOWN_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Calls of a fulfilment integration step before it fails the request (1: no retry); only errors the system may not give again are retried. */
  FULFILMENT_STEP_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(1),
  /** The wait before a step's first retry, doubled before each next one (at most an hour). */
  FULFILMENT_RETRY_AFTER_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** An approver who has not answered for this many hours gets the card again, as a reminder (0: never). */
  APPROVAL_REMINDER_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
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
}).superRefine((c, ctx) => {
  if (c.FRONTDOOR_MODE === 'secure' && !c.DIRECTLINE_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['DIRECTLINE_SECRET'], message: 'is required when FRONTDOOR_MODE=secure (web chat tokens must be signed)' });
  }
  if (c.IDENTITY_API_URL && !c.IDENTITY_API_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['IDENTITY_API_TOKEN'], message: 'is required when IDENTITY_API_URL is set' });
  }
  if (Boolean(c.SLACK_SIGNING_SECRET) !== Boolean(c.SLACK_BOT_TOKEN)) {
    ctx.addIssue({ code: 'custom', path: [c.SLACK_SIGNING_SECRET ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET'], message: 'Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN' });
  }
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
  }
  return parsed.data;
}
