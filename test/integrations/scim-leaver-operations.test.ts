import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPerson } from '../../src/directory/person.js';
import { IntegrationError } from '../../src/shared/errors.js';
import type { Integration, IntegrationContext } from '../../src/fulfilment/integration.js';
import { scimIntegration } from '../../integrations/scim/scim-integration.js';
import { ScimService } from './scim-service.js';

const token = 'scim-leaver-ops-test-token';
let scim: ScimService;
let identity: Integration;
const ctx: IntegrationContext = {
  requestNumber: 'REQ-2001', idempotencyKey: 'r2:remove-groups', signal: new AbortController().signal,
  requester: toPerson({ email: 'dana.lee@example.com', name: 'Dana Lee', department: 'Engineering', title: 'Manager', role: 'manager', costCentre: 'CC-3000', location: 'London' }),
};
const calls = { timeoutMs: 2_000, retries: 1, firstBackoffMs: 10, maxBackoffMs: 50, longestRetryAfterMs: 2_000 };
const groupIds = new Map<string, string>();

beforeAll(async () => {
  scim = new ScimService(token);
  await scim.start();
  for (const email of ['sam.patel@example.com', 'alex.kim@example.com']) scim.addUser(email);
  for (const group of ['all-staff', 'engineering', 'developers', 'sales']) groupIds.set(group, scim.addGroup(group));
  identity = scimIntegration({ baseUrl: scim.url, token }, calls);
});
afterAll(async () => { await scim.close(); });

/** Puts a user in a group at the service, through its own PATCH. */
async function join(email: string, group: string): Promise<void> {
  await identity.operations['add-to-group']!({ email, group }, ctx);
}

describe('SCIM connector: leavers and movers', () => {
  it("When a leaver's memberships are removed, then the groups whose members include them are found by filter and each is PATCHed; run again, nothing is left", async () => {
    await join('sam.patel@example.com', 'all-staff');
    await join('sam.patel@example.com', 'developers');
    await join('alex.kim@example.com', 'developers');
    const userId = scim.user('sam.patel@example.com')!.id as string;
    expect(await identity.operations['list-groups']!({ email: 'sam.patel@example.com' }, ctx)).toEqual({ userId, groups: ['all-staff', 'developers'] });
    const n = scim.received.length;
    expect(await identity.operations['remove-all-groups']!({ email: 'sam.patel@example.com' }, ctx)).toEqual({ userId, removed: ['all-staff', 'developers'] });
    const wire = scim.received.slice(n).map((r) => `${r.method} ${decodeURIComponent(r.url)}`);
    expect(wire[1]).toBe(`GET /scim/v2/Groups?filter=members[value eq "${userId}"]`);
    expect(wire.filter((w) => w.startsWith('PATCH'))).toEqual([`PATCH /scim/v2/Groups/${groupIds.get('all-staff')}`, `PATCH /scim/v2/Groups/${groupIds.get('developers')}`]);
    expect(scim.members('all-staff')).toEqual([]);
    // Only the leaver leaves.
    expect(scim.members('developers')).toEqual(['alex.kim@example.com']);
    expect(await identity.operations['remove-all-groups']!({ email: 'sam.patel@example.com' }, ctx)).toEqual({ userId, removed: [] });
    expect(await identity.operations['remove-all-groups']!({ email: 'gone@example.com' }, ctx)).toEqual({ removed: [], reason: 'no such user' });
  });

  it('When a leaver is deactivated, then active becomes false at the service', async () => {
    await identity.operations['deactivate-account']!({ email: 'sam.patel@example.com' }, ctx);
    expect(scim.user('sam.patel@example.com')!.active).toBe(false);
  });

  it("When a mover's groups are added and removed by list, then each named group changes; a bad name is refused before any request", async () => {
    await identity.operations['add-to-groups']!({ email: 'alex.kim@example.com', groups: 'all-staff,sales' }, ctx);
    expect(scim.members('sales')).toEqual(['alex.kim@example.com']);
    expect(scim.members('all-staff')).toEqual(['alex.kim@example.com']);
    await identity.operations['remove-from-groups']!({ email: 'alex.kim@example.com', groups: 'developers' }, ctx);
    expect(scim.members('developers')).toEqual([]);
    const n = scim.received.length;
    await expect(identity.operations['remove-from-groups']!({ email: 'alex.kim@example.com', groups: 'sales, a b' }, ctx)).rejects.toBeInstanceOf(IntegrationError);
    expect(scim.received.length).toBe(n);
  });
});
