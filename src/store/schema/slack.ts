import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * Slack events taken (event_id), so retries and repeats are handled once across restarts and
 * replicas, and the inbox of events acked but not yet handled: `body` is kept until the
 * event's turn is done, and the replica handling it holds it until `claimed_until`. An event
 * whose holder died is taken over by another replica once that lease runs out.
 */
export const slackEventReceipts = sqliteTable('slack_event_receipts', {
  eventId: text('event_id').primaryKey(),
  receivedAt: integer('received_at').notNull(),
  body: text('body', { mode: 'json' }),
  claimedBy: text('claimed_by'),
  claimedUntil: integer('claimed_until'),
  doneAt: integer('done_at'),
}, (t) => [index('slack_event_receipts_at').on(t.receivedAt), index('slack_event_receipts_claimed').on(t.claimedUntil)]);

/**
 * Messages Frontdoor posted in Slack that must change later: every copy of an approval card
 * (updated with the outcome, whoever decided and wherever) and the open question of a
 * conversation (updated with the answer so no stale buttons stay live).
 */
export const slackMessages = sqliteTable('slack_messages', {
  channelId: text('channel_id').notNull(),
  ts: text('ts').notNull(),
  kind: text('kind').notNull(),
  /** The approval id for approval cards; the conversation key for questions. */
  subject: text('subject').notNull(),
  personId: text('person_id'),
  requestNumber: text('request_number'),
  /** The reply the message shows, so it can be re-rendered with its outcome or answer. */
  reply: text('reply', { mode: 'json' }).notNull(),
  open: integer('open', { mode: 'boolean' }).notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.channelId, t.ts] }),
  index('slack_messages_subject').on(t.kind, t.subject),
  index('slack_messages_request').on(t.requestNumber),
]);

/** Slack user -> directory person by email (users.info), so not every event costs an API call. */
export const slackUsers = sqliteTable('slack_users', {
  slackUserId: text('slack_user_id').primaryKey(),
  email: text('email'),
  fetchedAt: integer('fetched_at').notNull(),
}, (t) => [index('slack_users_email').on(t.email)]);
