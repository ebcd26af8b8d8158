import type { IdentityInventory } from '../../../src/fulfilment/identity-inventory.js';
import { scimManifest, type ScimCredentials } from '../manifest.js';
import { scimGroup, scimUser } from '../scim-resources.js';
import { ScimTransport } from '../transport.js';

/**
 * Every user and every group's members at the SCIM service, paged (reconciliation). Members
 * are named by userName: a member id no user has is kept as the id, so it still shows.
 */
export function scimInventory(credentials: ScimCredentials, options: { pageSize: number }): IdentityInventory {
  const transport = new ScimTransport(credentials, scimManifest.defaultCalls);
  const users = (signal: AbortSignal) => transport.listAll('list-users', 'Users', scimUser, options.pageSize, { signal });
  return {
    async accounts(signal) {
      return (await users(signal)).map((u) => ({ userName: u.userName, active: u.active ?? true }));
    },
    async groups(signal) {
      const userNames = new Map((await users(signal)).map((u) => [u.id, u.userName]));
      const groups = await transport.listAll('list-groups', 'Groups', scimGroup, options.pageSize, { signal });
      return groups.map((g) => ({ name: g.displayName, members: (g.members ?? []).map((m) => userNames.get(m.value) ?? m.value) }));
    },
  };
}
