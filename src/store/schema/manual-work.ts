import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * What a team's manual task carries beyond its fulfilment step: who took it, when its team's
 * clock started and when it is due (from the team's SLA in teams.yaml), the date a sub-status
 * names, what the requester was asked to do, an extra approval it waits for, and when it
 * breached its SLA (recorded once). One row per manual step, written the first time the task
 * is acted on or swept, with `pending_since` the time the step reached the team.
 */
export const manualTasks = sqliteTable('manual_tasks', {
  stepId: text('step_id').primaryKey(),
  requestId: text('request_id').notNull(),
  team: text('team').notNull(),
  assigneeId: text('assignee_id'),
  pendingSince: integer('pending_since').notNull(),
  dueAt: integer('due_at').notNull(),
  /** YYYY-MM-DD: parts expected (awaiting parts) or work booked (scheduled). */
  subStatusDate: text('sub_status_date'),
  /** Awaiting the requester: what they must do, in the team's words. */
  askedOfRequester: text('asked_of_requester'),
  /** The approval stage (approvals.stage_index) the team asked for and the task waits on; null when none is open. */
  extraApprovalStage: integer('extra_approval_stage'),
  /** Who asked for the extra approval: told of the decision. */
  extraApprovalAskedBy: text('extra_approval_asked_by'),
  breachedAt: integer('breached_at'),
}, (t) => [
  index('manual_tasks_team').on(t.team, t.dueAt),
  index('manual_tasks_assignee').on(t.assigneeId),
  index('manual_tasks_request').on(t.requestId),
]);

/** Work notes on a task, many per task: internal to the team, or shown to the requester too. */
export const taskNotes = sqliteTable('task_notes', {
  id: text('id').primaryKey(),
  stepId: text('step_id').notNull(),
  requestId: text('request_id').notNull(),
  authorId: text('author_id').notNull(),
  /** internal (the teams and the service desk) or requester (also told to and shown to the requester) */
  visibility: text('visibility').notNull(),
  text: text('text').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('task_notes_step').on(t.stepId, t.at), index('task_notes_request').on(t.requestId, t.at)]);
