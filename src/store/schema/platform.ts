import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** Every state change: actor, action, target, before and after (sensitive values masked), reason, channel. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: integer('at').notNull(),
  actorId: text('actor_id').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id').notNull(),
  before: text('before', { mode: 'json' }),
  after: text('after', { mode: 'json' }),
  reason: text('reason'),
  channel: text('channel').notNull(),
}, (t) => [index('audit_log_target').on(t.targetType, t.targetId, t.id)]);

/** API bearer tokens, stored as SHA-256 hashes only. */
export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  personId: text('person_id').notNull(),
  roles: text('roles', { mode: 'json' }).notNull(),
  createdAt: integer('created_at').notNull(),
  revokedAt: integer('revoked_at'),
  /** Past this the token is refused; tokens made before expiry existed have none. */
  expiresAt: integer('expires_at'),
  /** Updated at most once a minute, so a busy client does not write on every call. */
  lastUsedAt: integer('last_used_at'),
  /** The operator who made it (an administrator's email, or cli:<user>). */
  createdBy: text('created_by'),
});

/** Messages to people outside the current conversation, delivered by their channel. */
export const outbox = sqliteTable('outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  personId: text('person_id').notNull(),
  payload: text('payload', { mode: 'json' }).notNull(),
  createdAt: integer('created_at').notNull(),
  deliveredAt: integer('delivered_at'),
  /** The process delivering the row, until `claimed_until`: other replicas leave it alone. */
  claimedBy: text('claimed_by'),
  claimedUntil: integer('claimed_until'),
  /** Times a channel was offered the row and none delivered it. */
  attempts: integer('attempts').notNull().default(0),
  /** Not offered again before this (exponential backoff after a failed attempt). */
  nextAttemptAt: integer('next_attempt_at').notNull().default(0),
  /** Set when the attempts ran out: a dead letter, shown to the service desk, never offered again unless retried. */
  deadAt: integer('dead_at'),
  /** Why the last attempt failed (no channel reaches the person, or the channel's error). */
  lastError: text('last_error'),
}, (t) => [index('outbox_pending').on(t.deliveredAt, t.id), index('outbox_person').on(t.personId, t.deliveredAt)]);

/**
 * People no channel could reach (no web chat, not in Slack) when a message was last offered,
 * remembered until `until` so their messages are not looked up on every flush, on any replica.
 */
export const outboxUnreachable = sqliteTable('outbox_unreachable', {
  personId: text('person_id').primaryKey(),
  until: integer('until').notNull(),
});

/**
 * Named leases: which process runs a scheduled job, until when (a conversation's turn is
 * claimed on its own row). A process that dies loses its leases when they expire, so
 * another replica takes the work over.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  until: integer('until').notNull(),
});

/** Human-readable number sequences (REQ-1001, INC-1001). */
export const sequences = sqliteTable('sequences', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});
