import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Deps } from '../../src/deps.js';
import type { Person } from '../../src/directory/person.js';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import { FakeIdentityServer } from '../../integrations/identity/fake-identity-server.js';
import { entitlementGroup } from '../../integrations/identity/operations/grant-access.js';
import { buildTestDeps } from '../support/test-app.js';
import type { TestClock } from '../support/test-clock.js';

export const identityToken = 'test-identity-token';

export interface Harness {
  deps: Deps;
  identity: FakeIdentityServer;
  person(email: string): Promise<Person>;
  close(): Promise<void>;
}

/**
 * The real composition root over a fresh database (test/support/test-app.ts), the shipped
 * catalog and directory, and the identity fake over HTTP; `clock` is the time it reads.
 */
export async function startHarness(env: Record<string, string> = {}, options: { clock?: TestClock } = {}): Promise<Harness> {
  const identity = new FakeIdentityServer(identityToken);
  for (const p of await (await loadFileDirectory('integrations/sample-directory/people.yaml')).list()) identity.addUser(p.email);
  identity.addGroup('vpn-users');
  for (const system of ['github', 'finance-share', 'engineering-docs']) for (const level of ['read', 'write', 'admin']) identity.addGroup(entitlementGroup(system, level));
  await identity.start();
  const { deps, close } = await buildTestDeps({
    name: 'lifecycle', ...(options.clock ? { clock: options.clock } : {}),
    env: { CATALOG_DIR: '.', DIRECTORY_FILE: 'integrations/sample-directory/people.yaml', TIME_ZONE: 'UTC', IDENTITY_API_URL: identity.url, IDENTITY_API_TOKEN: identityToken, ...env },
  }).catch(async (error: unknown) => { await identity.close(); throw error; });
  return {
    deps,
    identity,
    async person(email) {
      const p = await deps.directory.findByEmail(email);
      if (!p) throw new Error(`${email} is not in the sample directory`);
      return p;
    },
    async close() {
      await close();
      await identity.close();
    },
  };
}

export interface ApiHarness extends Harness {
  /** The HTTP app over the harness's deps, for tests that act through the API. */
  app: FastifyInstance;
}

/** The harness with the Fastify app built on it; `close` closes both. */
export async function startApiHarness(env: Record<string, string> = {}, options: { clock?: TestClock } = {}): Promise<ApiHarness> {
  const h = await startHarness(env, options);
  const app = await buildApp(h.deps, { logger: false });
  return {
    ...h,
    app,
    async close() {
      await app.close();
      await h.close();
    },
  };
}

export const laptopFields = { model: 'macbook-air-13', reason: 'replacement', 'asset-tag': 'LT-10234', 'delivery-location': 'London' };
export const expensiveLaptopFields = { model: 'macbook-pro-16', reason: 'upgrade', 'asset-tag': 'unknown', justification: 'I build large iOS apps all day long', 'delivery-location': 'London' };
