import type Database from 'better-sqlite3';
import { openSqlite, openSqliteReader, type SqliteDb } from './sqlite-database.js';
import { createRepositories, type Repositories } from './repositories.js';
import * as tables from './schema/index.js';
import type { Store } from './store.js';
import type { Dialect } from './database.js';
import { WriterQueue } from './writer-queue.js';

/**
 * One SQLite file (WAL): writers take turns with BEGIN IMMEDIATE on the writer's connection;
 * reads outside a transaction go to a read-only connection that sees committed data only.
 */
export function openSqliteStore(databaseUrl: string): Store {
  const { db, sqlite } = openSqlite(databaseUrl);
  const reader = openSqliteReader(databaseUrl);
  return new SqliteStore(db, sqlite, reader);
}

/** BEGIN IMMEDIATE holds the whole database for the one writer: no row locks to take. */
const sqliteDialect: Dialect = { name: 'sqlite', skipLocked: (query) => query };

class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly read: Repositories;
  private readonly write: Repositories;
  private readonly writers = new WriterQueue();

  constructor(db: SqliteDb, private readonly sqlite: Database.Database, private readonly reader?: { db: SqliteDb; sqlite: Database.Database }) {
    this.write = createRepositories(db, tables, sqliteDialect);
    this.read = reader ? createRepositories(reader.db, tables, sqliteDialect) : this.write;
  }

  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.writers.run(async () => {
      this.sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.write);
        this.sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw error;
      }
    });
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
    await this.writers.drained();
    if (this.reader?.sqlite.open) this.reader.sqlite.close();
    if (this.sqlite.open) this.sqlite.close();
  }
}
