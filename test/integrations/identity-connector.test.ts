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
  requestNumber: 'REQ-1001', idempotencyKey: 'r1:s1', signal: new AbortController().signal,
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

const mia = { name: 'Mia Wong', personalEmail: 'mia@personal.example', department: 'engineering', role: 'engineer', title: 'Engineer', managerEmail: 'dana.lee@example.com', location: 'London', startDate: '2030-01-07' };
const joinerStep = { ...ctx, idempotencyKey: 'r1:create-account' };
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

  it('When a membership is removed, then the user and the group are looked up and the membership is deleted with the idempotency key; a user the system no longer has holds nothing to remove', async () => {
    await identity.operations['add-to-group']!({ email: 'sam.patel@example.com', group: 'vpn-users' }, { ...ctx, idempotencyKey: 'r9:add-to-vpn-group' });
    expect(fake.groupMembers('vpn-users')).toContain('sam.patel@example.com');
    const n = fake.received.length;
    const result = await identity.operations['remove-from-group']!({ email: 'sam.patel@example.com', group: 'vpn-users' }, { ...ctx, idempotencyKey: 'r9:add-to-vpn-group:revoke' });
    const user = fake.userByLogin('sam.patel@example.com')!;
    expect(since(n)).toEqual([
      'GET /api/v1/users/sam.patel%40example.com',
      'GET /api/v1/groups?q=vpn-users',
      `DELETE /api/v1/groups/${result.groupId as string}/users/${user.id}`,
    ]);
    expect(fake.received.at(-1)!.idempotencyKey).toBe('r9:add-to-vpn-group:revoke');
    expect(result).toMatchObject({ removed: true, group: 'vpn-users' });
    expect(fake.groupMembers('vpn-users')).not.toContain('sam.patel@example.com');
    const gone = await identity.operations['remove-from-group']!({ email: 'left.company@example.com', group: 'vpn-users' }, ctx);
    expect(gone).toEqual({ group: 'vpn-users', removed: false, reason: 'no such user' });
    expect(since(n).at(-1)).toBe('GET /api/v1/users/left.company%40example.com');
  });

  it('When a new account is created, then the login is looked up first and the profile is posted staged, with the step\'s idempotency key', async () => {
    const n = fake.received.length;
    const result = await identity.operations['create-account']!(mia, joinerStep);
    expect(result).toMatchObject({ login: 'mia.wong@example.com', status: 'STAGED' });
    expect(fake.received.slice(n)).toEqual([
      { method: 'GET', url: '/api/v1/users/mia.wong%40example.com', authorization: `SSWS ${token}`, idempotencyKey: undefined, body: undefined },
      {
        method: 'POST', url: '/api/v1/users?activate=false', authorization: `SSWS ${token}`, idempotencyKey: 'r1:create-account',
        body: { profile: { firstName: 'Mia', lastName: 'Wong', login: 'mia.wong@example.com', email: 'mia.wong@example.com', secondEmail: 'mia@personal.example', department: 'engineering', title: 'Engineer', userType: 'engineer', managerId: 'dana.lee@example.com', city: 'London', startDate: '2030-01-07' } },
      },
    ]);
  });

  it('When the account step runs again (its first answer was lost), then the joiner\'s account is found and no second one is created', async () => {
    const first = fake.userByLogin('mia.wong@example.com')!;
    const users = fake.users.size;
    const n = fake.received.length;
    const again = await identity.operations['create-account']!(mia, joinerStep);
    expect(again).toEqual({ userId: first.id, login: 'mia.wong@example.com', status: 'STAGED' });
    expect(since(n)).toEqual(['GET /api/v1/users/mia.wong%40example.com']);
    expect(fake.users.size).toBe(users);
  });

  it('When the login belongs to someone else, then the step fails without creating or changing an account', async () => {
    const users = fake.users.size;
    const n = fake.received.length;
    await expect(identity.operations['create-account']!({ ...mia, personalEmail: 'another.mia@personal.example' }, { ...ctx, idempotencyKey: 'r3:create-account' }))
      .rejects.toThrow('identity could not create-account: the login mia.wong@example.com belongs to another account');
    expect(since(n)).toEqual(['GET /api/v1/users/mia.wong%40example.com']);
    expect(fake.users.size).toBe(users);
  });

  it('When a change is sent again with the same Idempotency-Key, then the system answers as the first time and does it once', async () => {
    const user = fake.userByLogin('sam.patel@example.com')!;
    const resets = user.passwordResetSent;
    const keyed = { ...ctx, idempotencyKey: 'r2:reset-password' };
    const first = await identity.operations['reset-password']!({ email: 'sam.patel@example.com' }, keyed);
    const n = fake.received.length;
    const second = await identity.operations['reset-password']!({ email: 'sam.patel@example.com' }, keyed);
    expect(second).toEqual(first);
    expect(fake.received.slice(n).map((r) => [r.method, r.idempotencyKey])).toEqual([['GET', undefined], ['POST', 'r2:reset-password']]);
    expect(user.passwordResetSent, 'one reset link, not two').toBe(resets + 1);
    const other = await fetch(new URL(`/api/v1/users/${user.id}/lifecycle/unlock`, fake.url), { method: 'POST', headers: { authorization: `SSWS ${token}`, 'idempotency-key': 'r2:reset-password' } });
    expect(other.status, 'a key is for one request only').toBe(422);
  });

  it('When the system answers 429 with Retry-After, then the error is retryable and carries the wait', async () => {
    fake.failWhen(/^PUT \/api\/v1\/groups/, 429, 'Too many requests', 1, { retryAfter: '7' });
    await expect(identity.operations['add-to-group']!({ email: 'sam.patel@example.com', group: 'vpn-users' }, { ...ctx, idempotencyKey: 'r5:add-to-group' })).rejects.toMatchObject({ retryable: true, retryAfterMs: 7_000 });
  });

  it('When the step\'s deadline passes mid-call, then the request is aborted and the error is retryable', async () => {
    const hold = fake.holdNext(/^POST \/api\/v1\/users\/.*\/lifecycle\/unlock/);
    const deadline = new AbortController();
    const call = identity.operations['unlock-account']!({ email: 'sam.patel@example.com' }, { ...ctx, signal: deadline.signal });
    await hold.arrived;
    deadline.abort();
    await expect(call).rejects.toMatchObject({ retryable: true, userMessage: 'identity could not unlock-account: the identity system did not answer' });
    hold.release();
  });

  it('When the input tries to reach another path, then it is refused before any request is made', async () => {
    const n = fake.received.length;
    await expect(identity.operations['add-to-group']!({ email: 'sam.patel@example.com', group: '../../users/00u1/lifecycle/deactivate' }, ctx)).rejects.toBeInstanceOf(IntegrationError);
    await expect(identity.operations['reset-password']!({ email: 'x@example.com/../../admin' }, ctx)).rejects.toThrow(/refused the input/);
    await expect(identity.operations['remove-from-group']!({ email: 'sam.patel@example.com', group: 'vpn-users/../../../users/00u1' }, ctx)).rejects.toThrow(/refused the input/);
    expect(fake.received.length).toBe(n);
  });

  it('When the system answers 4xx or 5xx, then an IntegrationError names the operation and never succeeds', async () => {
    await expect(identity.operations['reset-password']!({ email: 'nobody@example.com' }, ctx)).rejects.toThrow('identity could not reset-password: HTTP 404: Not found: Resource not found: nobody@example.com (User)');
    fake.failWhen(/^PUT \/api\/v1\/groups/, 500, 'Internal error');
    const failure = identity.operations['add-to-group']!({ email: 'sam.patel@example.com', group: 'vpn-users' }, { ...ctx, idempotencyKey: 'r4:add-to-group' });
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
