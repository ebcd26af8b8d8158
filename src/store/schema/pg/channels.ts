import { pgTable, text, boolean, jsonb, index, primaryKey } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** Postgres twin of ../channels.ts. */
export const channelReceipts = pgTable('channel_receipts', {
  channel: text('channel').notNull(),
  receiptId: text('receipt_id').notNull(),
  receivedAt: epochMs('received_at').notNull(),
  body: jsonb('body'),
  claimedBy: text('claimed_by'),
  claimedUntil: epochMs('claimed_until'),
  doneAt: epochMs('done_at'),
}, (t) => [
  primaryKey({ columns: [t.channel, t.receiptId] }),
  index('channel_receipts_at').on(t.receivedAt),
  index('channel_receipts_claimed').on(t.claimedUntil),
]);

export const channelMessages = pgTable('channel_messages', {
  channel: text('channel').notNull(),
  place: text('place').notNull(),
  messageId: text('message_id').notNull(),
  kind: text('kind').notNull(),
  subject: text('subject').notNull(),
  personId: text('person_id'),
  requestNumber: text('request_number'),
  reply: jsonb('reply').notNull(),
  open: boolean('open').notNull(),
  createdAt: epochMs('created_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.channel, t.place, t.messageId] }),
  index('channel_messages_subject').on(t.kind, t.subject),
  index('channel_messages_request').on(t.requestNumber),
]);

export const channelIdentities = pgTable('channel_identities', {
  channel: text('channel').notNull(),
  externalId: text('external_id').notNull(),
  personId: text('person_id'),
  fetchedAt: epochMs('fetched_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.channel, t.externalId] }),
  index('channel_identities_person').on(t.channel, t.personId),
]);

export const channelConversations = pgTable('channel_conversations', {
  channel: text('channel').notNull(),
  key: text('key').notNull(),
  reference: jsonb('reference').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.channel, t.key] }),
]);
