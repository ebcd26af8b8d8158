import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as pgTables from './schema/pg/index.js';
import type { Db, Dialect, Tables } from './database.js';
import { advisoryLocks, migratePostgres, openPool } from './postgres-database.js';
import { createRepositories, type Repositories } from './repositories.js';
import type { Store } from './store.js';

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
  private readonly inFlight = new Set<Promise<unknown>>();
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
   * Transactions run concurrently, on any replica, at SERIALIZABLE isolation: the outcome is
   * always that of some one-at-a-time order, the contract SQLite's single writer gives. When
   * Postgres cannot guarantee that for a transaction (two decisions on one approval, two
   * claims of one row) it aborts one of them, and `work` runs again from the start on a
   * fresh snapshot, where it sees the other's change. `work` must therefore only touch the
   * database (never an integration or a channel, which is the store's rule anyway).
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    const running = this.serializable(work);
    this.inFlight.add(running);
    void running.catch(() => undefined).finally(() => this.inFlight.delete(running));
    return running;
  }

  private async serializable<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    await this.migrated;
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect();
      // After repeated conflicts (a hot row such as the request-number sequence under load),
      // run in the lane: one such transaction at a time across replicas, the lock taken
      // before BEGIN so its snapshot is taken after the previous one committed.
      const inLane = attempt >= laneAfterAttempts;
      let broken = false;
      let laneTaken = false;
      try {
        if (inLane) {
          await client.query('select pg_advisory_lock($1)', [advisoryLocks.conflictLane]);
          laneTaken = true;
        }
        await client.query('begin isolation level serializable');
        const result = await work(createRepositories(asRepositoryDb(drizzle(client)), tables, postgresDialect));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => { broken = true; });
        if (attempt >= maxAttempts || !isSerializationConflict(error)) throw error;
      } finally {
        if (laneTaken) await client.query('select pg_advisory_unlock($1)', [advisoryLocks.conflictLane]).catch(() => { broken = true; });
        client.release(broken);
      }
      // Aborted by a conflict: wait a little (random, growing) so the two do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 6)));
    }
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
      while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
      await this.migrated.catch(() => undefined);
      await this.pool.end();
    })();
    return this.closing;
  }
}

/** Tries of one transaction before a conflict is reported as an error (each after a short random wait). */
const maxAttempts = 20;
/** From this try on, a conflicting transaction waits its turn in the lane. */
const laneAfterAttempts = 3;

/** Serialization failure or deadlock: Postgres aborted the transaction; running it again is safe. */
function isSerializationConflict(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === '40001' || code === '40P01') return true;
  }
  return false;
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
