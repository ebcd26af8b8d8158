import type { Repositories } from './repositories.js';

/**
 * The one door to the database. Use cases run their reads and writes inside
 * `transaction`, which is serializable: its outcome is as if no other transaction ran at
 * the same time (SQLite runs writers one at a time; Postgres runs them concurrently and runs
 * one again when two conflict). So `work` may run more than once: it only reads and writes
 * through `repos`. Never call an integration or a channel inside a transaction: collect
 * what to do, commit, then do it.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Reads outside a transaction (they see committed data). */
  readonly read: Repositories;
  health(): Promise<{ ok: boolean; dialect: string }>;
  close(): Promise<void>;
}
