import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';

export type SqliteDb = BetterSQLite3Database<typeof schema>;

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations/sqlite');

/** `./data/x.db`, `sqlite:./data/x.db`, `file:x.db` or `:memory:` to a file path. */
export function sqlitePath(url: string): string {
  const path = url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:(\/\/)?/, '');
  if (!path) throw new Error('DATABASE_URL names no SQLite file');
  return path;
}

/**
 * drizzle prepares every query it runs. Preparing compiles the SQL again each time, and each
 * statement holds native memory the garbage collector does not see, so under load memory
 * grew by hundreds of megabytes between collections. The repositories run a few dozen
 * distinct statements: keep the most recent ones by their SQL and hand the same statement
 * back. Safe because better-sqlite3 runs a statement to completion synchronously, right
 * after drizzle prepares it; its raw mode is reset, as a freshly prepared one would be.
 */
function reusePreparedStatements(sqlite: Database.Database, size = 256): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (statement) {
      statements.delete(source); // most recently used last
    } else {
      statement = prepare(source);
      if (statements.size >= size) statements.delete(statements.keys().next().value!);
    }
    statements.set(source, statement);
    if (statement.reader) statement.raw(false);
    return statement;
  }) as typeof sqlite.prepare;
}

/** Opens the SQLite file in WAL mode and applies the committed migrations. */
export function openSqlite(url: string): { db: SqliteDb; sqlite: Database.Database } {
  const path = sqlitePath(url);
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  reusePreparedStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { db, sqlite };
}

/**
 * A second, read-only connection to the same file for reads outside transactions: in WAL
 * mode it sees only committed data, so no handler reads another's uncommitted writes while a
 * transaction is open on the writer's connection. An in-memory database has one connection.
 */
export function openSqliteReader(url: string): { db: SqliteDb; sqlite: Database.Database } | undefined {
  const path = sqlitePath(url);
  if (path === ':memory:') return undefined;
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  reusePreparedStatements(sqlite);
  return { db: drizzle(sqlite, { schema }), sqlite };
}
