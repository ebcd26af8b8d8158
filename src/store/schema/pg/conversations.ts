import { pgTable, text, integer, jsonb, primaryKey, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** Postgres twin of ../conversations.ts: same tables, columns, indexes and constraints. */
export const conversations = pgTable('conversations', {
  id: text('id').primaryKey(),
  channel: text('channel').notNull(),
  personId: text('person_id').notNull(),
  state: jsonb('state').notNull(),
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
  claimedBy: text('claimed_by'),
  claimedUntil: epochMs('claimed_until'),
}, (t) => [index('conversations_person').on(t.personId, t.updatedAt)]);

export const dialogOutcomes = pgTable('dialog_outcomes', {
  id: text('id').primaryKey(),
  conversationId: text('conversation_id').notNull(),
  personId: text('person_id').notNull(),
  requestTypeId: text('request_type_id').notNull(),
  startedAt: epochMs('started_at').notNull(),
  endedAt: epochMs('ended_at'),
  outcome: text('outcome'),
  step: text('step'),
}, (t) => [index('dialog_outcomes_open').on(t.outcome, t.startedAt)]);

export const directlineConversations = pgTable('directline_conversations', {
  id: text('id').primaryKey(),
  personId: text('person_id'),
  createdAt: epochMs('created_at').notNull(),
  lastSeenAt: epochMs('last_seen_at').notNull(),
}, (t) => [index('directline_conversations_person').on(t.personId, t.lastSeenAt)]);

export const directlineActivities = pgTable('directline_activities', {
  conversationId: text('conversation_id').notNull(),
  seq: integer('seq').notNull(),
  activity: jsonb('activity').notNull(),
  createdAt: epochMs('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.conversationId, t.seq] })]);

export const triageItems = pgTable('triage_items', {
  id: text('id').primaryKey(),
  conversationId: text('conversation_id').notNull(),
  channel: text('channel').notNull(),
  personId: text('person_id').notNull(),
  text: text('text').notNull(),
  candidates: jsonb('candidates').notNull(),
  transcript: jsonb('transcript').notNull(),
  dialog: jsonb('dialog'),
  status: text('status').notNull(),
  resolution: jsonb('resolution'),
  resolvedBy: text('resolved_by'),
  createdAt: epochMs('created_at').notNull(),
  resolvedAt: epochMs('resolved_at'),
}, (t) => [index('triage_items_status').on(t.status, t.createdAt)]);

export const incidents = pgTable('incidents', {
  id: text('id').primaryKey(),
  number: integer('number').notNull().unique(),
  personId: text('person_id').notNull(),
  channel: text('channel').notNull(),
  category: text('category').notNull(),
  text: text('text').notNull(),
  status: text('status').notNull(),
  createdAt: epochMs('created_at').notNull(),
});
