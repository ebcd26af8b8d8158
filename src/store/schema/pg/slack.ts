import { pgTable, text, boolean, jsonb, index, primaryKey } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** Postgres twin of ../slack.ts. */
export const slackEventReceipts = pgTable('slack_event_receipts', {
  eventId: text('event_id').primaryKey(),
  receivedAt: epochMs('received_at').notNull(),
  body: jsonb('body'),
  claimedBy: text('claimed_by'),
  claimedUntil: epochMs('claimed_until'),
  doneAt: epochMs('done_at'),
}, (t) => [index('slack_event_receipts_at').on(t.receivedAt), index('slack_event_receipts_claimed').on(t.claimedUntil)]);

export const slackMessages = pgTable('slack_messages', {
  channelId: text('channel_id').notNull(),
  ts: text('ts').notNull(),
  kind: text('kind').notNull(),
  subject: text('subject').notNull(),
  personId: text('person_id'),
  requestNumber: text('request_number'),
  reply: jsonb('reply').notNull(),
  open: boolean('open').notNull(),
  createdAt: epochMs('created_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.channelId, t.ts] }),
  index('slack_messages_subject').on(t.kind, t.subject),
  index('slack_messages_request').on(t.requestNumber),
]);

export const slackUsers = pgTable('slack_users', {
  slackUserId: text('slack_user_id').primaryKey(),
  email: text('email'),
  fetchedAt: epochMs('fetched_at').notNull(),
}, (t) => [index('slack_users_email').on(t.email)]);
