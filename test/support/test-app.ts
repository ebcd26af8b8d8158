import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { buildDeps, type Deps } from '../../src/deps.js';
import type { TestClock } from './test-clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** The key the tests' apps seal sensitive answers with (FIELD_ENCRYPTION_KEY); a test may set its own, or '' for none. */
export const testFieldKey = Buffer.alloc(32, 7).toString('base64');

/** Shared by the test files so the intent classifier is trained once, not per app. */
export const nluCacheDir = join(tmpdir(), 'frontdoor-test-nlu-cache');

export interface TestAppOptions {
  /** Settings over the tests' defaults: silent logs, the shared classifier cache, a fresh database. */
  env?: Record<string, string>;
  /** The time the app reads; the system clock when left out. */
  clock?: TestClock;
  /** Names the temporary folder (`frontdoor-<name>-...`), to tell test areas apart. */
  name?: string;
  /** The intent classifier's cache in the test's own folder, for a test that retrains it or a catalog of its own. */
  ownClassifierCache?: boolean;
  /** A folder and database kept across apps (a restart on the same data): closing the app leaves them. */
  reuse?: { dir: string; database: TestDatabase };
}

/** The composition root as the server builds it, over a database of its own. */
export interface TestDeps {
  deps: Deps;
  config: Config;
  database: TestDatabase;
  /** The temporary folder (the SQLite file, caches); removed on close unless reused. */
  dir: string;
  /** Closes the app, then drops its database and folder. */
  close(): Promise<void>;
}

export interface TestApp extends TestDeps {
  app: FastifyInstance;
}

/**
 * The dependencies alone, for tests that call the use cases and the engine directly.
 * Closing them closes the store and the app's background work.
 */
export async function buildTestDeps(options: TestAppOptions = {}): Promise<TestDeps> {
  const { cleanUp, ...built } = await compose(options);
  return {
    ...built,
    async close() {
      await built.deps.close();
      await cleanUp();
    },
  };
}

/**
 * The real app over a fresh database (test/support/test-database.ts), as the server builds
 * it, ready for `app.inject`. `adjust` changes the composed dependencies before the app is
 * built on them (a failure injected into the engine the channels hold).
 */
export async function buildTestApp(options: TestAppOptions & { adjust?: (deps: Deps) => void } = {}): Promise<TestApp> {
  const { cleanUp, ...built } = await compose(options);
  options.adjust?.(built.deps);
  const app = await buildApp(built.deps, { logger: false }).catch(async (error: unknown) => {
    await built.deps.close().catch(() => undefined);
    await cleanUp();
    throw error;
  });
  await app.ready();
  return {
    ...built,
    app,
    async close() {
      await app.close(); // closes the dependencies too
      await cleanUp();
    },
  };
}

async function compose(options: TestAppOptions): Promise<Omit<TestDeps, 'close'> & { cleanUp(): Promise<void> }> {
  const dir = options.reuse?.dir ?? mkdtempSync(join(tmpdir(), `frontdoor-${options.name ?? 'test'}-`));
  const database = options.reuse?.database ?? await createTestDatabase(dir);
  const cleanUp = async () => {
    if (options.reuse) return;
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const classifierCache = options.ownClassifierCache ? join(dir, 'nlu-cache') : nluCacheDir;
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, NLU_CACHE_DIR: classifierCache, FIELD_ENCRYPTION_KEY: testFieldKey, ...options.env });
    const deps = await buildDeps(config, options.clock ? { clock: options.clock } : {});
    return { deps, config, database, dir, cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
