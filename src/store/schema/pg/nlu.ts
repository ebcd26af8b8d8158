import { pgTable, text, doublePrecision, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** Postgres twin of ../nlu.ts. */
export const trainingCandidates = pgTable('training_candidates', {
  id: text('id').primaryKey(),
  text: text('text').notNull(),
  intent: text('intent').notNull(),
  triageId: text('triage_id').notNull().unique(),
  status: text('status').notNull(),
  proposedBy: text('proposed_by').notNull(),
  proposedAt: epochMs('proposed_at').notNull(),
  decidedBy: text('decided_by'),
  decidedAt: epochMs('decided_at'),
}, (t) => [index('training_candidates_status').on(t.status, t.proposedAt)]);

export const nluDecisions = pgTable('nlu_decisions', {
  id: text('id').primaryKey(),
  conversationId: text('conversation_id').notNull(),
  channel: text('channel').notNull(),
  intent: text('intent'),
  confidence: doublePrecision('confidence').notNull(),
  decision: text('decision').notNull(),
  routed: text('routed').notNull(),
  at: epochMs('at').notNull(),
}, (t) => [index('nlu_decisions_at').on(t.at)]);
