import { pgTable, text, integer, bigint, jsonb, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** Postgres twin of ../platform.ts. */
export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  at: epochMs('at').notNull(),
  actorId: text('actor_id').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  reason: text('reason'),
  channel: text('channel').notNull(),
}, (t) => [index('audit_log_target').on(t.targetType, t.targetId, t.id)]);

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  personId: text('person_id').notNull(),
  roles: jsonb('roles').notNull(),
  createdAt: epochMs('created_at').notNull(),
  revokedAt: epochMs('revoked_at'),
  /** Past this the token is refused; tokens made before expiry existed have none. */
  expiresAt: epochMs('expires_at'),
  /** Updated at most once a minute, so a busy client does not write on every call. */
  lastUsedAt: epochMs('last_used_at'),
  /** The operator who made it (an administrator's email, or cli:<user>). */
  createdBy: text('created_by'),
});

export const outbox = pgTable('outbox', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  personId: text('person_id').notNull(),
  payload: jsonb('payload').notNull(),
  createdAt: epochMs('created_at').notNull(),
  deliveredAt: epochMs('delivered_at'),
  claimedBy: text('claimed_by'),
  claimedUntil: epochMs('claimed_until'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: epochMs('next_attempt_at').notNull().default(0),
  deadAt: epochMs('dead_at'),
  lastError: text('last_error'),
}, (t) => [index('outbox_pending').on(t.deliveredAt, t.id), index('outbox_person').on(t.personId, t.deliveredAt)]);

export const outboxUnreachable = pgTable('outbox_unreachable', {
  personId: text('person_id').primaryKey(),
  until: epochMs('until').notNull(),
});

export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  until: epochMs('until').notNull(),
});

export const sequences = pgTable('sequences', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});
