import { pgTable, text, integer, bigint, jsonb } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** Postgres twin of ../directory.ts. */
export const directoryPeople = pgTable('directory_people', {
  id: text('id').primaryKey(),
  sourceId: text('source_id').notNull(),
  name: text('name').notNull(),
  department: text('department').notNull(),
  title: text('title').notNull(),
  role: text('role').notNull(),
  managerEmail: text('manager_email'),
  costCentre: text('cost_centre').notNull(),
  location: text('location').notNull(),
  groups: jsonb('groups').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
});

export const directorySyncs = pgTable('directory_syncs', {
  source: text('source').primaryKey(),
  lastAttemptAt: epochMs('last_attempt_at').notNull(),
  lastSuccessAt: epochMs('last_success_at'),
  lastError: text('last_error'),
  people: integer('people').notNull().default(0),
});

export const reconciliationReports = pgTable('reconciliation_reports', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  createdAt: epochMs('created_at').notNull(),
  report: jsonb('report').notNull(),
});
