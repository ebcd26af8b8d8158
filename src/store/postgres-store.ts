import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as pgTables from './schema/pg/index.js';
import type { Db, Dialect, Tables } from './database.js';
import { advisoryLocks, migratePostgres, openPool } from './postgres-database.js';
import { createRepositories, type Repositories } from './repositories.js';
import type { Store } from './store.js';
import { WriterQueue } from './writer-queue.js';

type PgDb = NodePgDatabase<Record<string, unknown>>;

/**
 * The one place the dialects meet: Postgres's database (pool or transaction connection) and tables, typed
 * as SQLite's so one set of repositories serves both. Sound because repositories only
 * await builder methods both drizzle dialects share (database.ts), and the Postgres tables
 * mirror the SQLite ones column for column (test/store/schema-parity.test.ts).
 */
function asRepositoryDb(db: PgDb): Db {
  return db as unknown as Db;
}
const tables = pgTables as unknown as Tables;
/** Row selects reaching a repository are node-postgres drizzle selects, which have `.for()`. */
const postgresDialect: Dialect = {
  name: 'postgres',
  skipLocked: (query) => (query as unknown as { for(strength: 'update', config: { skipLocked: true }): unknown }).for('update', { skipLocked: true }) as typeof query,
};

/**
 * A Postgres database shared by any number of replicas. Opening returns at once; the
 * migrations run in the background (once across replicas) and every query waits for them.
 */
export function openPostgresStore(databaseUrl: string, poolSize: number): Store {
  return new PostgresStore(databaseUrl, poolSize);
}

class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly db: PgDb;
  private readonly migrated: Promise<void>;
  private ready = false;
  private readonly repos: Repositories;
  private readonly reposAfterMigration: Repositories;
  private readonly writers = new WriterQueue();
  private closing?: Promise<void>;

  constructor(databaseUrl: string, poolSize: number) {
    this.pool = openPool(databaseUrl, poolSize);
    this.db = drizzle(this.pool);
    this.migrated = migratePostgres(databaseUrl).then(() => { this.ready = true; });
    this.migrated.catch(() => undefined); // surfaced by the first query and by health()
    this.repos = createRepositories(asRepositoryDb(this.db), tables, postgresDialect);
    this.reposAfterMigration = waitingFor(this.migrated, this.repos);
  }

  get read(): Repositories {
    return this.ready ? this.repos : this.reposAfterMigration;
  }

  /**
   * Writers run one at a time in this process (so a burst does not hold every pooled
   * connection waiting) and across replicas (the writer lock, released at commit), which
   * keeps the contract SQLite gives: nothing interleaves with a transaction's statements.
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.writers.run(async () => {
      await this.migrated;
      const client = await this.pool.connect();
      let broken = false;
      try {
        // One round trip for both: every statement costs one on a busy machine.
        await client.query(`begin; select pg_advisory_xact_lock(${advisoryLocks.writer})`);
        const result = await work(createRepositories(asRepositoryDb(drizzle(client)), tables, postgresDialect));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => { broken = true; });
        throw error;
      } finally {
        client.release(broken);
      }
    });
  }

  async health(): Promise<{ ok: boolean; dialect: string }> {
    try {
      await this.migrated;
      await this.pool.query('select 1');
      return { ok: true, dialect: this.dialect };
    } catch {
      return { ok: false, dialect: this.dialect };
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.writers.drained();
      await this.migrated.catch(() => undefined);
      await this.pool.end();
    })();
    return this.closing;
  }
}

/** The repositories, each method first waiting for the migrations (reads right after open). */
function waitingFor(migrated: Promise<void>, repos: Repositories): Repositories {
  const wrap = (repo: object) => new Proxy(repo, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await migrated;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return Object.fromEntries(Object.entries(repos).map(([name, repo]) => [name, wrap(repo)])) as Repositories;
}
