import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPerson } from '../../src/directory/person.js';
import { IntegrationError } from '../../src/shared/errors.js';
import type { Integration, IntegrationContext } from '../../src/fulfilment/integration.js';
import { FakeIdentityServer } from '../../integrations/identity/fake-identity-server.js';
import { identityIntegration } from '../../integrations/identity/identity-integration.js';

const token = 'leaver-ops-test-token';
let fake: FakeIdentityServer;
let identity: Integration;
const ctx: IntegrationContext = {
  requestNumber: 'REQ-2001', idempotencyKey: 'r2:remove-groups', signal: new AbortController().signal,
  requester: toPerson({ email: 'dana.lee@example.com', name: 'Dana Lee', department: 'Engineering', title: 'Manager', role: 'manager', costCentre: 'CC-3000', location: 'London' }),
};
const since = (n: number) => fake.received.slice(n).map((r) => `${r.method} ${r.url}`);

beforeAll(async () => {
  fake = new FakeIdentityServer(token);
  for (const email of ['sam.patel@example.com', 'alex.kim@example.com']) fake.addUser(email);
  for (const group of ['all-staff', 'engineering', 'developers', 'sales']) fake.addGroup(group);
  await fake.start();
  identity = identityIntegration({ baseUrl: fake.url, token });
});
afterAll(async () => { await fake.close(); });

const join = (email: string, group: string) => fake.members.get([...fake.groups.values()].find((g) => g.profile.name === group)!.id)!.add(fake.userByLogin(email)!.id);

describe('identity connector: leavers and movers', () => {
  it("When a leaver's memberships are removed, then their groups are listed and each is deleted with its own key; run again, nothing is left to remove", async () => {
    for (const group of ['all-staff', 'developers']) join('sam.patel@example.com', group);
    const user = fake.userByLogin('sam.patel@example.com')!;
    const listed = await identity.operations['list-groups']!({ email: 'sam.patel@example.com' }, ctx);
    expect(listed).toEqual({ userId: user.id, groups: ['all-staff', 'developers'] });
    const n = fake.received.length;
    const result = await identity.operations['remove-all-groups']!({ email: 'sam.patel@example.com' }, ctx);
    expect(result).toEqual({ userId: user.id, removed: ['all-staff', 'developers'] });
    const [allStaff, developers] = ['all-staff', 'developers'].map((name) => [...fake.groups.values()].find((g) => g.profile.name === name)!.id);
    expect(since(n)).toEqual([
      'GET /api/v1/users/sam.patel%40example.com',
      `GET /api/v1/users/${user.id}/groups`,
      `DELETE /api/v1/groups/${allStaff}/users/${user.id}`,
      `DELETE /api/v1/groups/${developers}/users/${user.id}`,
    ]);
    expect(fake.received.slice(n + 2).map((r) => r.idempotencyKey)).toEqual([`r2:remove-groups:${allStaff}`, `r2:remove-groups:${developers}`]);
    expect(fake.groupMembers('developers')).toEqual([]);
    expect(await identity.operations['remove-all-groups']!({ email: 'sam.patel@example.com' }, ctx)).toEqual({ userId: user.id, removed: [] });
    expect(await identity.operations['remove-all-groups']!({ email: 'gone@example.com' }, ctx)).toEqual({ removed: [], reason: 'no such user' });
  });

  it('When an account is deactivated, then the lifecycle call is made once; an account already deactivated, or gone, is left as it is', async () => {
    const user = fake.userByLogin('sam.patel@example.com')!;
    const n = fake.received.length;
    expect(await identity.operations['deactivate-account']!({ email: 'sam.patel@example.com' }, { ...ctx, idempotencyKey: 'r2:deactivate-account' })).toEqual({ userId: user.id, deactivated: true });
    expect(since(n)).toEqual(['GET /api/v1/users/sam.patel%40example.com', `POST /api/v1/users/${user.id}/lifecycle/deactivate`]);
    expect(fake.received.at(-1)!.idempotencyKey).toBe('r2:deactivate-account');
    expect(user.status).toBe('DEPROVISIONED');
    const m = fake.received.length;
    expect(await identity.operations['deactivate-account']!({ email: 'sam.patel@example.com' }, ctx)).toMatchObject({ deactivated: true, already: true });
    expect(since(m)).toEqual(['GET /api/v1/users/sam.patel%40example.com']);
    expect(await identity.operations['deactivate-account']!({ email: 'gone@example.com' }, ctx)).toEqual({ deactivated: false, reason: 'no such user' });
  });

  it("When a mover's groups are added and removed by list, then each named group changes; a bad name is refused before any request", async () => {
    join('alex.kim@example.com', 'developers');
    await identity.operations['add-to-groups']!({ email: 'alex.kim@example.com', groups: 'all-staff, sales' }, { ...ctx, idempotencyKey: 'r3:add-groups' });
    expect(fake.groupMembers('sales')).toEqual(['alex.kim@example.com']);
    expect(fake.groupMembers('all-staff')).toEqual(['alex.kim@example.com']);
    await identity.operations['remove-from-groups']!({ email: 'alex.kim@example.com', groups: 'developers' }, { ...ctx, idempotencyKey: 'r4:remove-groups' });
    expect(fake.groupMembers('developers')).toEqual([]);
    const n = fake.received.length;
    await expect(identity.operations['add-to-groups']!({ email: 'alex.kim@example.com', groups: 'sales, ../admins' }, ctx)).rejects.toBeInstanceOf(IntegrationError);
    expect(fake.received.length).toBe(n);
  });
});
