import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * The people of a synced directory (DIRECTORY_SOURCE=scim or ldap), as of the last good sync:
 * what the directory answers from, on every replica. `id` is the lower-cased email;
 * `source_id` is the person's id at the source (a SCIM id, an LDAP DN).
 */
export const directoryPeople = sqliteTable('directory_people', {
  id: text('id').primaryKey(),
  sourceId: text('source_id').notNull(),
  name: text('name').notNull(),
  department: text('department').notNull(),
  title: text('title').notNull(),
  role: text('role').notNull(),
  managerEmail: text('manager_email'),
  costCentre: text('cost_centre').notNull(),
  location: text('location').notNull(),
  groups: text('groups', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * How the directory's syncs went: one row per source. A failed sync keeps the people of the
 * last good one and says why here (/health shows it).
 */
export const directorySyncs = sqliteTable('directory_syncs', {
  source: text('source').primaryKey(),
  lastAttemptAt: integer('last_attempt_at').notNull(),
  lastSuccessAt: integer('last_success_at'),
  /** Why the last attempt failed; null when it succeeded. */
  lastError: text('last_error'),
  people: integer('people').notNull().default(0),
});

/**
 * What reconciliation found when it compared the identity system with what Frontdoor
 * provisioned and the directory: orphaned accounts and memberships nobody asked for.
 */
export const reconciliationReports = sqliteTable('reconciliation_reports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  createdAt: integer('created_at').notNull(),
  report: text('report', { mode: 'json' }).notNull(),
});
