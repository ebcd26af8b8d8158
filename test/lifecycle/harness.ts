import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { buildDeps, type Deps } from '../../src/deps.js';
import type { Person } from '../../src/directory/person.js';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import { FakeIdentityServer } from '../../integrations/identity/fake-identity-server.js';
import { entitlementGroup } from '../../integrations/identity/operations/grant-access.js';
import { createTestDatabase } from '../support/test-database.js';

export const identityToken = 'test-identity-token';

export interface Harness {
  deps: Deps;
  identity: FakeIdentityServer;
  person(email: string): Promise<Person>;
  close(): Promise<void>;
}

/** The real composition root over a fresh database (test/support/test-database.ts), the shipped catalog and directory, and the identity fake over HTTP. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-lifecycle-'));
  const identity = new FakeIdentityServer(identityToken);
  for (const p of await (await loadFileDirectory('integrations/sample-directory/people.yaml')).list()) identity.addUser(p.email);
  identity.addGroup('vpn-users');
  for (const system of ['github', 'finance-share', 'engineering-docs']) for (const level of ['read', 'write', 'admin']) identity.addGroup(entitlementGroup(system, level));
  await identity.start();
  const database = await createTestDatabase(dir);
  const config = loadConfig({
    DATABASE_URL: database.url, CATALOG_DIR: '.', DIRECTORY_FILE: 'integrations/sample-directory/people.yaml',
    LOG_LEVEL: 'silent', TIME_ZONE: 'UTC', IDENTITY_API_URL: identity.url, IDENTITY_API_TOKEN: identityToken, ...env,
  });
  const deps = await buildDeps(config);
  return {
    deps,
    identity,
    async person(email) {
      const p = await deps.directory.findByEmail(email);
      if (!p) throw new Error(`${email} is not in the sample directory`);
      return p;
    },
    async close() {
      await deps.close();
      await identity.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const laptopFields = { model: 'macbook-air-13', reason: 'replacement', 'asset-tag': 'LT-10234', 'delivery-location': 'London' };
export const expensiveLaptopFields = { model: 'macbook-pro-16', reason: 'upgrade', 'asset-tag': 'unknown', justification: 'I build large iOS apps all day long', 'delivery-location': 'London' };
