import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every HR event that arrived with a good signature: accepted, rejected (with why, kept for
 * the service desk to review) or duplicate (an id already taken). `taken_event_id` is the
 * event id on the one row that took it (unique), null on the others, so an id is taken once
 * even when two deliveries race; a rejected event gives its id back for a corrected resend.
 */
export const hrEvents = sqliteTable('hr_events', {
  id: text('id').primaryKey(),
  eventId: text('event_id'),
  takenEventId: text('taken_event_id'),
  type: text('type'),
  /** accepted, rejected, duplicate */
  status: text('status').notNull(),
  reason: text('reason'),
  /** The event as received (a personal email masked); null when it was not JSON. */
  body: text('body', { mode: 'json' }),
  /** The requests the event made ("REQ-1042"). */
  requestNumbers: text('request_numbers', { mode: 'json' }).notNull(),
  /** A mover's old access the new bundle does not give, for the new manager to keep or remove; null for others. */
  oldAccess: text('old_access', { mode: 'json' }),
  receivedAt: integer('received_at').notNull(),
}, (t) => [
  uniqueIndex('hr_events_taken').on(t.takenEventId),
  index('hr_events_status').on(t.status, t.receivedAt),
]);
