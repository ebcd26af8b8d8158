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
