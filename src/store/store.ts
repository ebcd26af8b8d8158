import type Database from 'better-sqlite3';
import { openSqlite, type SqliteDb } from './sqlite-database.js';
import { createRepositories, type Repositories } from './repositories.js';

/**
 * The one door to the database. Use cases run their reads and writes inside
 * `transaction`, which serialises writers so an `await` inside one never lets another
 * request's statements into it. Never call an integration or a channel inside a
 * transaction: collect what to do, commit, then do it.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Reads outside a transaction (they see committed data). */
  readonly read: Repositories;
  health(): Promise<{ ok: boolean; dialect: string }>;
  close(): Promise<void>;
}

export function openStore(databaseUrl: string): Store {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('Postgres is not supported yet: set DATABASE_URL to a SQLite file');
  }
  const { db, sqlite } = openSqlite(databaseUrl);
  return new SqliteStore(db, sqlite);
}

class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly read: Repositories;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: SqliteDb, private readonly sqlite: Database.Database) {
    this.read = createRepositories(db);
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.read);
        this.sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw error;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async health(): Promise<{ ok: boolean; dialect: string }> {
    try {
      this.sqlite.prepare('select 1').get();
      return { ok: true, dialect: this.dialect };
    } catch {
      return { ok: false, dialect: this.dialect };
    }
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.sqlite.open) this.sqlite.close();
  }
}
