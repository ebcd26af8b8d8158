import { pgTable, text, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** Postgres twin of ../hr-events.ts. */
export const hrEvents = pgTable('hr_events', {
  id: text('id').primaryKey(),
  eventId: text('event_id'),
  takenEventId: text('taken_event_id'),
  type: text('type'),
  status: text('status').notNull(),
  reason: text('reason'),
  body: jsonb('body'),
  requestNumbers: jsonb('request_numbers').notNull(),
  oldAccess: jsonb('old_access'),
  receivedAt: epochMs('received_at').notNull(),
}, (t) => [
  uniqueIndex('hr_events_taken').on(t.takenEventId),
  index('hr_events_status').on(t.status, t.receivedAt),
]);
