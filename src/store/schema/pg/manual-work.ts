import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** Postgres twins of ../manual-work.ts. */
export const manualTasks = pgTable('manual_tasks', {
  stepId: text('step_id').primaryKey(),
  requestId: text('request_id').notNull(),
  team: text('team').notNull(),
  assigneeId: text('assignee_id'),
  pendingSince: epochMs('pending_since').notNull(),
  dueAt: epochMs('due_at').notNull(),
  subStatusDate: text('sub_status_date'),
  askedOfRequester: text('asked_of_requester'),
  extraApprovalStage: integer('extra_approval_stage'),
  extraApprovalAskedBy: text('extra_approval_asked_by'),
  breachedAt: epochMs('breached_at'),
}, (t) => [
  index('manual_tasks_team').on(t.team, t.dueAt),
  index('manual_tasks_assignee').on(t.assigneeId),
  index('manual_tasks_request').on(t.requestId),
]);

export const taskNotes = pgTable('task_notes', {
  id: text('id').primaryKey(),
  stepId: text('step_id').notNull(),
  requestId: text('request_id').notNull(),
  authorId: text('author_id').notNull(),
  visibility: text('visibility').notNull(),
  text: text('text').notNull(),
  at: epochMs('at').notNull(),
}, (t) => [index('task_notes_step').on(t.stepId, t.at), index('task_notes_request').on(t.requestId, t.at)]);
