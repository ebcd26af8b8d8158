import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

export const requests = sqliteTable('requests', {
  id: text('id').primaryKey(),
  number: integer('number').notNull().unique(),
  requestTypeId: text('request_type_id').notNull(),
  requestTypeVersion: integer('request_type_version').notNull(),
  catalogVersion: text('catalog_version').notNull(),
  requesterId: text('requester_id').notNull(),
  channel: text('channel').notNull(),
  fields: text('fields', { mode: 'json' }).notNull(),
  cost: real('cost'),
  status: text('status').notNull(),
  subStatus: text('sub_status'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  dueAt: integer('due_at').notNull(),
  closedAt: integer('closed_at'),
  /** The form (dialog) or API call that submitted it: submitting the same one again finds this request. */
  submissionKey: text('submission_key').unique(),
}, (t) => [index('requests_requester').on(t.requesterId, t.createdAt), index('requests_type').on(t.requestTypeId, t.requesterId, t.createdAt)]);

/** Every status change of a request: who, when, why. */
export const requestHistory = sqliteTable('request_history', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  requestId: text('request_id').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  subStatus: text('sub_status'),
  actorId: text('actor_id').notNull(),
  reason: text('reason'),
  at: integer('at').notNull(),
}, (t) => [index('request_history_request').on(t.requestId, t.id)]);

export const approvals = sqliteTable('approvals', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull(),
  stageId: text('stage_id').notNull(),
  stageIndex: integer('stage_index').notNull(),
  approverId: text('approver_id').notNull(),
  /** What the approver is to this request, from the requester's side: "your manager", "security group". */
  approverRole: text('approver_role'),
  reason: text('reason').notNull(),
  /** waiting (a later stage), pending, approved, denied, cancelled */
  status: text('status').notNull(),
  decidedBy: text('decided_by'),
  decidedAt: integer('decided_at'),
  comment: text('comment'),
  createdAt: integer('created_at').notNull(),
  /** When the approver was last sent the card (asked, or reminded); null while the stage waits. */
  askedAt: integer('asked_at'),
}, (t) => [index('approvals_approver').on(t.approverId, t.status), index('approvals_request').on(t.requestId, t.stageIndex)]);

/** The fulfilment plan of a request: integration calls and manual tasks for a team. */
export const fulfilmentSteps = sqliteTable('fulfilment_steps', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull(),
  stepId: text('step_id').notNull(),
  seq: integer('seq').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  team: text('team'),
  integration: text('integration'),
  operation: text('operation'),
  input: text('input', { mode: 'json' }).notNull(),
  /** waiting, pending, running, done, failed, cancelled */
  status: text('status').notNull(),
  subStatus: text('sub_status'),
  result: text('result', { mode: 'json' }),
  error: text('error'),
  note: text('note'),
  completedBy: text('completed_by'),
  attempts: integer('attempts').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** The process calling a running step's integration, until `claimed_until`; taken over when it dies. */
  claimedBy: text('claimed_by'),
  claimedUntil: integer('claimed_until'),
  /** A manual task due before a date of the request (a joiner's laptop), not at the request's SLA; null: at the SLA. */
  dueAt: integer('due_at'),
  /** Step ids this step waits for (done or skipped first); null: the step before it (plans from before graphs). */
  afterSteps: text('after_steps', { mode: 'json' }),
  /** Not run before this time: the end of a wait, or a retry's backoff. */
  notBefore: integer('not_before'),
  /** For a step that undoes another when the plan is given up: that step's id. */
  compensates: text('compensates'),
}, (t) => [
  uniqueIndex('fulfilment_steps_request_step').on(t.requestId, t.stepId),
  index('fulfilment_steps_team').on(t.team, t.status),
  index('fulfilment_steps_claimed').on(t.status, t.claimedUntil),
]);

/**
 * Fulfilment work waiting for a worker: start a request's plan, or run on from where it
 * waited. Any replica claims a row until `claimed_until` and renews it while it works; a
 * row whose replica died is claimed again once the lease runs out. Done work is deleted.
 */
export const fulfilmentQueue = sqliteTable('fulfilment_queue', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull(),
  /** start (plan the steps, then run them) or resume (run whatever can run now) */
  kind: text('kind').notNull(),
  /** Who caused the work and where: the plan starts in their name. */
  actorId: text('actor_id').notNull(),
  channel: text('channel').notNull(),
  /** Runs of this row that ended in an unexpected error; the failure policy spaces them out. */
  attempts: integer('attempts').notNull().default(0),
  /** Not before this time: a retry waits out its backoff. */
  runAfter: integer('run_after').notNull(),
  lastError: text('last_error'),
  createdAt: integer('created_at').notNull(),
  claimedBy: text('claimed_by'),
  claimedUntil: integer('claimed_until'),
}, (t) => [index('fulfilment_queue_due').on(t.runAfter), index('fulfilment_queue_request').on(t.requestId)]);

/**
 * Each request type definition as requests were made under it, written at submit when absent
 * and never changed: approvals and fulfilment of a request read its type from here, so an
 * edited catalog applies to new requests only. One row per request type id and version; the
 * content hash tells a definition changed without a new version (refused at boot).
 */
export const catalogSnapshots = sqliteTable('catalog_snapshots', {
  requestTypeId: text('request_type_id').notNull(),
  version: integer('version').notNull(),
  /** sha256 of the definition as loaded (canonical JSON), hex. */
  contentHash: text('content_hash').notNull(),
  definition: text('definition', { mode: 'json' }).notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.requestTypeId, t.version] })]);

/**
 * Access a fulfilment step gave for a time (a group membership with an end date), removed
 * when it ends by the access-expiry job; `ends_at` null is permanent. `state`: active,
 * removed, failed (removal refused; the service desk is told). A replica removing it holds
 * it until `claimed_until`.
 */
export const accessGrants = sqliteTable('access_grants', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull(),
  stepId: text('step_id').notNull(),
  personId: text('person_id').notNull(),
  integration: text('integration').notNull(),
  /** The operation that removes the access, called with `input`. */
  revokeOperation: text('revoke_operation').notNull(),
  groupName: text('group_name').notNull(),
  input: text('input', { mode: 'json' }).notNull(),
  endsAt: integer('ends_at'),
  state: text('state').notNull(),
  warnedAt: integer('warned_at'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  claimedBy: text('claimed_by'),
  claimedUntil: integer('claimed_until'),
  /** The request that asks to extend this access (the holder's "Extend" click), while it is decided and fulfilled. */
  extensionRequestId: text('extension_request_id'),
}, (t) => [
  uniqueIndex('access_grants_request_step').on(t.requestId, t.stepId),
  index('access_grants_due').on(t.state, t.endsAt),
]);
