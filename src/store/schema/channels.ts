import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * What every channel keeps about its own traffic, keyed by channel name ('slack', 'webchat',
 * 'teams'), so a new channel needs no tables of its own.
 */

/**
 * Inbound deliveries taken (Slack's event_id, a Teams activity id), so retries and repeats are
 * handled once across restarts and replicas, and the inbox of deliveries acked but not yet
 * handled: `body` is kept until the delivery's turn is done, and the replica handling it
 * holds it until `claimed_until`. A delivery whose holder died is taken over by another
 * replica once that lease runs out. Also one-off keys a channel must act on once
 * (`triage:<id>` posted to a channel).
 */
export const channelReceipts = sqliteTable('channel_receipts', {
  channel: text('channel').notNull(),
  receiptId: text('receipt_id').notNull(),
  receivedAt: integer('received_at').notNull(),
  body: text('body', { mode: 'json' }),
  claimedBy: text('claimed_by'),
  claimedUntil: integer('claimed_until'),
  doneAt: integer('done_at'),
}, (t) => [
  primaryKey({ columns: [t.channel, t.receiptId] }),
  index('channel_receipts_at').on(t.receivedAt),
  index('channel_receipts_claimed').on(t.claimedUntil),
]);

/**
 * Messages Frontdoor sent that must change later: every copy of an approval card (updated
 * with the outcome, whoever decided and wherever) and the open question of a conversation
 * (updated with the answer so no stale buttons stay live). `place` is where the message is
 * (a Slack channel, a Direct Line conversation), `message_id` its id there (a Slack ts, an
 * activity id).
 */
export const channelMessages = sqliteTable('channel_messages', {
  channel: text('channel').notNull(),
  place: text('place').notNull(),
  messageId: text('message_id').notNull(),
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
  primaryKey({ columns: [t.channel, t.place, t.messageId] }),
  index('channel_messages_subject').on(t.kind, t.subject),
  index('channel_messages_request').on(t.requestNumber),
]);

/**
 * A channel's user -> directory person (by email), as the channel last said (Slack's
 * users.info), so not every inbound message costs an API call. `person_id` is null when the
 * channel knows no email for the user (a bot, a guest without the scope).
 */
export const channelIdentities = sqliteTable('channel_identities', {
  channel: text('channel').notNull(),
  externalId: text('external_id').notNull(),
  personId: text('person_id'),
  fetchedAt: integer('fetched_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.channel, t.externalId] }),
  index('channel_identities_person').on(t.channel, t.personId),
]);

/**
 * Where a channel reaches someone or somewhere without being asked (proactive messages): the
 * channel's conversation reference (Teams: service URL, conversation id, tenant), by `key`, a
 * directory person's id for their personal chat, or `place:<conversation id>` for a channel
 * the bot posts to. Written when the app is installed or on contact, so it stays current.
 */
export const channelConversations = sqliteTable('channel_conversations', {
  channel: text('channel').notNull(),
  key: text('key').notNull(),
  reference: text('reference', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.channel, t.key] }),
]);
