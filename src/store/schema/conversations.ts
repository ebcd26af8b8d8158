import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';

/** The conversation engine's state per channel conversation (active dialog, pending choices). */
export const conversations = sqliteTable('conversations', {
  id: text('id').primaryKey(),
  channel: text('channel').notNull(),
  personId: text('person_id').notNull(),
  state: text('state', { mode: 'json' }).notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** The process running a turn of this conversation, until `claimed_until`: one turn at a time across replicas. */
  claimedBy: text('claimed_by'),
  claimedUntil: integer('claimed_until'),
}, (t) => [index('conversations_person').on(t.personId, t.updatedAt)]);

/** Every dialog started, and how it ended (submitted, cancelled, handed-off, abandoned). */
export const dialogOutcomes = sqliteTable('dialog_outcomes', {
  id: text('id').primaryKey(),
  conversationId: text('conversation_id').notNull(),
  personId: text('person_id').notNull(),
  requestTypeId: text('request_type_id').notNull(),
  startedAt: integer('started_at').notNull(),
  endedAt: integer('ended_at'),
  outcome: text('outcome'),
  /** Where the form stood when it was last moved on (a field id, `summary`, `pick-change`): where an abandoned form was given up. */
  step: text('step'),
}, (t) => [index('dialog_outcomes_open').on(t.outcome, t.startedAt)]);

/** Direct Line conversations of the local web chat. */
export const directlineConversations = sqliteTable('directline_conversations', {
  id: text('id').primaryKey(),
  personId: text('person_id'),
  createdAt: integer('created_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull(),
}, (t) => [index('directline_conversations_person').on(t.personId, t.lastSeenAt)]);

/** Activities of a Direct Line conversation; `seq` is the watermark. */
export const directlineActivities = sqliteTable('directline_activities', {
  conversationId: text('conversation_id').notNull(),
  seq: integer('seq').notNull(),
  activity: text('activity', { mode: 'json' }).notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.conversationId, t.seq] })]);

/** Messages the engine could not place: the triage queue for service-desk agents. */
export const triageItems = sqliteTable('triage_items', {
  id: text('id').primaryKey(),
  conversationId: text('conversation_id').notNull(),
  channel: text('channel').notNull(),
  personId: text('person_id').notNull(),
  text: text('text').notNull(),
  candidates: text('candidates', { mode: 'json' }).notNull(),
  transcript: text('transcript', { mode: 'json' }).notNull(),
  /** The dialog in progress when the person asked for a person: request type and answers so far. */
  dialog: text('dialog', { mode: 'json' }),
  status: text('status').notNull(),
  resolution: text('resolution', { mode: 'json' }),
  resolvedBy: text('resolved_by'),
  createdAt: integer('created_at').notNull(),
  resolvedAt: integer('resolved_at'),
}, (t) => [index('triage_items_status').on(t.status, t.createdAt)]);

/** Incident reports ("my laptop is broken"): recorded, never turned into service requests. */
export const incidents = sqliteTable('incidents', {
  id: text('id').primaryKey(),
  number: integer('number').notNull().unique(),
  personId: text('person_id').notNull(),
  channel: text('channel').notNull(),
  category: text('category').notNull(),
  text: text('text').notNull(),
  status: text('status').notNull(),
  createdAt: integer('created_at').notNull(),
});
