import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPerson } from '../../src/directory/person.js';
import { IntegrationError } from '../../src/shared/errors.js';
import type { Integration, IntegrationContext } from '../../src/fulfilment/integration.js';
import { FakeIdentityServer } from '../../integrations/identity/fake-identity-server.js';
import { identityIntegration } from '../../integrations/identity/identity-integration.js';

const token = 'connector-test-token';
let fake: FakeIdentityServer;
let identity: Integration;
const ctx: IntegrationContext = {
  requestNumber: 'REQ-1001', idempotencyKey: 'r1:s1',
  requester: toPerson({ email: 'sam.patel@example.com', name: 'Sam Patel', department: 'Engineering', title: 'Engineer', role: 'engineer', costCentre: 'CC-3000', location: 'London' }),
};

beforeAll(async () => {
  fake = new FakeIdentityServer(token);
  fake.addUser('sam.patel@example.com');
  fake.addGroup('vpn-users');
  fake.addGroup('access:github:write');
  await fake.start();
  identity = identityIntegration({ baseUrl: fake.url, token });
});
afterAll(async () => { await fake.close(); });

const since = (n: number) => fake.received.slice(n).map((r) => `${r.method} ${r.url}`);

describe('identity connector', () => {
  it('When access is granted, then the user and the entitlement group are looked up and the membership is added', async () => {
    const n = fake.received.length;
    const result = await identity.operations['grant-access']!({ email: 'sam.patel@example.com', system: 'github', level: 'write' }, ctx);
    const user = fake.userByLogin('sam.patel@example.com')!;
    expect(since(n)).toEqual([
      'GET /api/v1/users/sam.patel%40example.com',
      'GET /api/v1/groups?q=access%3Agithub%3Awrite',
      `PUT /api/v1/groups/${result.groupId as string}/users/${user.id}`,
    ]);
    expect(fake.received.slice(n).every((r) => r.authorization === `SSWS ${token}`)).toBe(true);
    expect(fake.groupMembers('access:github:write')).toEqual(['sam.patel@example.com']);
  });

  it('When a new account is created, then the profile is posted staged with the personal email as second email', async () => {
    const n = fake.received.length;
    const result = await identity.operations['create-account']!({ name: 'Mia Wong', personalEmail: 'mia@personal.example', department: 'engineering', role: 'engineer', title: 'Engineer', managerEmail: 'dana.lee@example.com', location: 'London', startDate: '2030-01-07' }, ctx);
    expect(result).toMatchObject({ login: 'mia.wong@example.com', status: 'STAGED' });
    expect(fake.received.slice(n)).toEqual([expect.objectContaining({
      method: 'POST', url: '/api/v1/users?activate=false',
      body: { profile: { firstName: 'Mia', lastName: 'Wong', login: 'mia.wong@example.com', email: 'mia.wong@example.com', secondEmail: 'mia@personal.example', department: 'engineering', title: 'Engineer', userType: 'engineer', managerId: 'dana.lee@example.com', city: 'London', startDate: '2030-01-07' } },
    })]);
  });

  it('When the input tries to reach another path, then it is refused before any request is made', async () => {
    const n = fake.received.length;
    await expect(identity.operations['add-to-group']!({ email: 'sam.patel@example.com', group: '../../users/00u1/lifecycle/deactivate' }, ctx)).rejects.toBeInstanceOf(IntegrationError);
    await expect(identity.operations['reset-password']!({ email: 'x@example.com/../../admin' }, ctx)).rejects.toThrow(/refused the input/);
    expect(fake.received.length).toBe(n);
  });

  it('When the system answers 4xx or 5xx, then an IntegrationError names the operation and never succeeds', async () => {
    await expect(identity.operations['reset-password']!({ email: 'nobody@example.com' }, ctx)).rejects.toThrow('identity could not reset-password: HTTP 404: Not found: Resource not found: nobody@example.com (User)');
    fake.failWhen(/^PUT \/api\/v1\/groups/, 500, 'Internal error');
    const failure = identity.operations['add-to-group']!({ email: 'sam.patel@example.com', group: 'vpn-users' }, ctx);
    await expect(failure).rejects.toMatchObject({ integration: 'identity', operation: 'add-to-group', retryable: true });
    expect(fake.groupMembers('vpn-users')).toEqual([]);
    const wrongToken = identityIntegration({ baseUrl: fake.url, token: 'wrong' });
    const denied = wrongToken.operations['unlock-account']!({ email: 'sam.patel@example.com' }, ctx);
    await expect(denied).rejects.toThrow('HTTP 401: Invalid token provided');
    await expect(denied).rejects.not.toThrow(/wrong/);
  });

  it('When the system is unreachable, then the error is retryable and says so', async () => {
    const offline = identityIntegration({ baseUrl: 'http://127.0.0.1:9', token });
    await expect(offline.operations['unlock-account']!({ email: 'sam.patel@example.com' }, ctx)).rejects.toMatchObject({ retryable: true, userMessage: 'identity could not unlock-account: the identity system did not answer' });
  });
});
