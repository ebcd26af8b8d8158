import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as tables from './schema/index.js';

/**
 * The tables a repository queries: the SQLite ones (./schema) or their Postgres twins
 * (./schema/pg), chosen when the store opens. Typed as the SQLite tables; the twins have
 * the same columns and TypeScript types (test/store/schema-parity.test.ts).
 */
export type Tables = typeof tables;

/**
 * The connection a repository queries through, typed as SQLite's drizzle database.
 * Repositories only await drizzle's query builders (`await q`, `(await q.limit(1))[0]`,
 * `.returning()` for what changed), which behave the same on better-sqlite3 and
 * node-postgres; they never call `.get()`, `.all()` or `.run()`, which exist on SQLite only.
 */
export type Db = BetterSQLite3Database<Tables>;

/**
 * What differs between the dialects beyond the tables. `skipLocked` makes a row-selecting
 * query lock the rows it returns and pass over rows another transaction holds (Postgres's
 * FOR UPDATE SKIP LOCKED), so two replicas claiming work never take the same row; on
 * SQLite the single writer already holds the whole database, so the query is unchanged.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  skipLocked<Q>(query: Q): Q;
}
