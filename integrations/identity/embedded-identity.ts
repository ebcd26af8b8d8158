import { randomBytes } from 'node:crypto';
import type { Catalog } from '../../src/catalog/catalog.js';
import type { DirectoryProvider } from '../../src/directory/person.js';
import { FakeIdentityServer } from './fake-identity-server.js';
import type { IdentityCredentials } from './manifest.js';
import { entitlementGroup } from './operations/grant-access.js';

/**
 * Embedded (dev) mode without IDENTITY_API_URL: the fake identity system runs in-process on a
 * random loopback port, seeded with the directory's people, the groups the catalog's steps
 * name and an entitlement group per system and access level.
 */
export async function startEmbeddedIdentity(directory: DirectoryProvider, catalog: Catalog): Promise<{ credentials: IdentityCredentials; server: FakeIdentityServer }> {
  const token = randomBytes(24).toString('base64url');
  const server = new FakeIdentityServer(token);
  for (const person of await directory.list()) server.addUser(person.email, { firstName: person.name.split(' ')[0], lastName: person.name.split(' ').slice(1).join(' '), department: person.department });
  const groups = new Set<string>();
  for (const type of catalog.requestTypes) {
    for (const step of type.fulfilment.steps) {
      if (step.kind === 'integration' && step.input.group && !step.input.group.includes('{')) groups.add(step.input.group);
    }
  }
  for (const item of catalog.lookup('systems')?.items ?? []) {
    for (const level of ['read', 'write', 'admin']) groups.add(entitlementGroup(item.value, level));
  }
  for (const group of groups) server.addGroup(group);
  const baseUrl = await server.start();
  return { credentials: { baseUrl, token }, server };
}
