import { isPostgresUrl } from './postgres-database.js';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export interface StoreOptions {
  /** Postgres connections this process keeps at most (DATABASE_POOL_SIZE). */
  poolSize?: number;
}

/**
 * `postgres://` (or `postgresql://`) opens Postgres; anything else is a SQLite file. The
 * committed migrations of the dialect are applied on open.
 */
export function openStore(databaseUrl: string, options: StoreOptions = {}): Store {
  return isPostgresUrl(databaseUrl) ? openPostgresStore(databaseUrl, options.poolSize ?? 10) : openSqliteStore(databaseUrl);
}
