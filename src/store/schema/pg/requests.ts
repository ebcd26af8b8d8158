import { pgTable, text, integer, bigint, doublePrecision, jsonb, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** Postgres twin of ../requests.ts (SQLite's REAL is a double, hence double precision). */
export const requests = pgTable('requests', {
  id: text('id').primaryKey(),
  number: integer('number').notNull().unique(),
  requestTypeId: text('request_type_id').notNull(),
  requestTypeVersion: integer('request_type_version').notNull(),
  catalogVersion: text('catalog_version').notNull(),
  requesterId: text('requester_id').notNull(),
  channel: text('channel').notNull(),
  fields: jsonb('fields').notNull(),
  cost: doublePrecision('cost'),
  status: text('status').notNull(),
  subStatus: text('sub_status'),
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
  dueAt: epochMs('due_at').notNull(),
  closedAt: epochMs('closed_at'),
  submissionKey: text('submission_key').unique(),
}, (t) => [index('requests_requester').on(t.requesterId, t.createdAt), index('requests_type').on(t.requestTypeId, t.requesterId, t.createdAt)]);

export const requestHistory = pgTable('request_history', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  requestId: text('request_id').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  subStatus: text('sub_status'),
  actorId: text('actor_id').notNull(),
  reason: text('reason'),
  at: epochMs('at').notNull(),
}, (t) => [index('request_history_request').on(t.requestId, t.id)]);

export const approvals = pgTable('approvals', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull(),
  stageId: text('stage_id').notNull(),
  stageIndex: integer('stage_index').notNull(),
  approverId: text('approver_id').notNull(),
  approverRole: text('approver_role'),
  reason: text('reason').notNull(),
  status: text('status').notNull(),
  decidedBy: text('decided_by'),
  decidedAt: epochMs('decided_at'),
  comment: text('comment'),
  createdAt: epochMs('created_at').notNull(),
  askedAt: epochMs('asked_at'),
}, (t) => [index('approvals_approver').on(t.approverId, t.status), index('approvals_request').on(t.requestId, t.stageIndex)]);

export const fulfilmentSteps = pgTable('fulfilment_steps', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull(),
  stepId: text('step_id').notNull(),
  seq: integer('seq').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  team: text('team'),
  integration: text('integration'),
  operation: text('operation'),
  input: jsonb('input').notNull(),
  status: text('status').notNull(),
  subStatus: text('sub_status'),
  result: jsonb('result'),
  error: text('error'),
  note: text('note'),
  completedBy: text('completed_by'),
  attempts: integer('attempts').notNull().default(0),
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
  claimedBy: text('claimed_by'),
  claimedUntil: epochMs('claimed_until'),
  dueAt: epochMs('due_at'),
  /** Step ids this step waits for (done or skipped first); null: the step before it (plans from before graphs). */
  afterSteps: jsonb('after_steps'),
  /** Not run before this time: the end of a wait, or a retry's backoff. */
  notBefore: epochMs('not_before'),
  /** For a step that undoes another when the plan is given up: that step's id. */
  compensates: text('compensates'),
}, (t) => [
  uniqueIndex('fulfilment_steps_request_step').on(t.requestId, t.stepId),
  index('fulfilment_steps_team').on(t.team, t.status),
  index('fulfilment_steps_claimed').on(t.status, t.claimedUntil),
]);

export const fulfilmentQueue = pgTable('fulfilment_queue', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull(),
  kind: text('kind').notNull(),
  actorId: text('actor_id').notNull(),
  channel: text('channel').notNull(),
  attempts: integer('attempts').notNull().default(0),
  runAfter: epochMs('run_after').notNull(),
  lastError: text('last_error'),
  createdAt: epochMs('created_at').notNull(),
  claimedBy: text('claimed_by'),
  claimedUntil: epochMs('claimed_until'),
}, (t) => [index('fulfilment_queue_due').on(t.runAfter), index('fulfilment_queue_request').on(t.requestId)]);

export const catalogSnapshots = pgTable('catalog_snapshots', {
  requestTypeId: text('request_type_id').notNull(),
  version: integer('version').notNull(),
  contentHash: text('content_hash').notNull(),
  definition: jsonb('definition').notNull(),
  createdAt: epochMs('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.requestTypeId, t.version] })]);

export const accessGrants = pgTable('access_grants', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull(),
  stepId: text('step_id').notNull(),
  personId: text('person_id').notNull(),
  integration: text('integration').notNull(),
  revokeOperation: text('revoke_operation').notNull(),
  groupName: text('group_name').notNull(),
  input: jsonb('input').notNull(),
  endsAt: epochMs('ends_at'),
  state: text('state').notNull(),
  warnedAt: epochMs('warned_at'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
  claimedBy: text('claimed_by'),
  claimedUntil: epochMs('claimed_until'),
  /** The request that asks to extend this access (the holder's "Extend" click), while it is decided and fulfilled. */
  extensionRequestId: text('extension_request_id'),
}, (t) => [
  uniqueIndex('access_grants_request_step').on(t.requestId, t.stepId),
  index('access_grants_due').on(t.state, t.endsAt),
]);
