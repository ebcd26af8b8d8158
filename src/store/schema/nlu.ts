import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * Messages an agent placed by hand (a resolved triage item), proposed as training
 * examples. Accepted ones join the classifier's training data; intents/ files are not
 * rewritten.
 */
export const trainingCandidates = sqliteTable('training_candidates', {
  id: text('id').primaryKey(),
  text: text('text').notNull(),
  intent: text('intent').notNull(),
  triageId: text('triage_id').notNull().unique(),
  /** proposed, accepted or rejected. */
  status: text('status').notNull(),
  proposedBy: text('proposed_by').notNull(),
  proposedAt: integer('proposed_at').notNull(),
  decidedBy: text('decided_by'),
  decidedAt: integer('decided_at'),
}, (t) => [index('training_candidates_status').on(t.status, t.proposedAt)]);
