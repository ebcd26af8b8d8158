import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';

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

/**
 * What the classifier made of each free-text message outside a form: the top intent and its
 * confidence, the decision (confident, ambiguous, unsure) and where the message went
 * (`started` an intent, `asked` which one, `triage`). The basis of the confidence and triage reports.
 */
export const nluDecisions = sqliteTable('nlu_decisions', {
  id: text('id').primaryKey(),
  conversationId: text('conversation_id').notNull(),
  channel: text('channel').notNull(),
  intent: text('intent'),
  confidence: real('confidence').notNull(),
  decision: text('decision').notNull(),
  routed: text('routed').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('nlu_decisions_at').on(t.at)]);
