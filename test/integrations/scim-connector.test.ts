import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPerson } from '../../src/directory/person.js';
import { IntegrationError } from '../../src/shared/errors.js';
import type { Integration, IntegrationContext } from '../../src/fulfilment/integration.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { scimManifest } from '../../integrations/scim/manifest.js';
import { scimIntegration } from '../../integrations/scim/scim-integration.js';
import { ScimService } from './scim-service.js';

const token = 'scim-connector-test-token';
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
let scim: ScimService;
let identity: Integration;
const ctx: IntegrationContext = {
  requestNumber: 'REQ-1001',
  idempotencyKey: 'r1:s1',
  signal: new AbortController().signal,
  requester: toPerson({
    email: 'sam.patel@example.com',
    name: 'Sam Patel',
    department: 'Engineering',
    title: 'Engineer',
    role: 'engineer',
    costCentre: 'CC-3000',
    location: 'London',
  }),
};
const calls = { timeoutMs: 2_000, retries: 1, firstBackoffMs: 10, maxBackoffMs: 50, longestRetryAfterMs: 2_000 };

beforeAll(async () => {
  scim = new ScimService(token);
  await scim.start();
  scim.addUser('sam.patel@example.com', { emails: [{ value: 'sam.patel@example.com', type: 'work' }] });
  scim.addUser('dana.lee@example.com');
  scim.addGroup('vpn-users');
  scim.addGroup('access:github:write');
  identity = scimIntegration({ baseUrl: scim.url, token }, calls);
});
afterAll(async () => {
  await scim.close();
});

const op = (name: string) => identity.operations[name]!;
const since = (n: number) => scim.received.slice(n).map((r) => `${r.method} ${decodeURIComponent(r.url.replace(/^\/scim\/v2/, ''))}`);
const mia = {
  name: 'Mia Wong',
  personalEmail: 'mia@personal.example',
  department: 'engineering',
  role: 'engineer',
  title: 'Engineer',
  managerEmail: 'dana.lee@example.com',
  location: 'London',
  startDate: '2030-01-07',
};
const joinerStep = { ...ctx, idempotencyKey: 'r1:create-account' };

describe('SCIM connector: the same contract as the Okta-style one', () => {
  it('When the catalog names an identity operation, then the SCIM connector has it, as its manifest says', async () => {
    const catalog = await loadCatalog('.');
    const named = catalog.requestTypes.flatMap((t) =>
      t.fulfilment.steps.flatMap((s) => (s.kind === 'integration' && s.integration === 'identity' ? [s.operation] : [])),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(Object.keys(identity.operations).sort()).toEqual([...scimManifest.operations].sort());
    expect(identity.id).toBe('identity');
    for (const operation of named) expect(Object.keys(identity.operations)).toContain(operation);
  });
});

describe('SCIM connector: users', () => {
  it("When a new account is created, then its userName is looked up first and the user is posted inactive as SCIM JSON, with the step's key as externalId and the manager in the enterprise extension", async () => {
    const n = scim.received.length;
    const result = await op('create-account')(mia, joinerStep);
    const dana = scim.user('dana.lee@example.com')!;
    expect(since(n)).toEqual(['GET /Users?filter=userName eq "mia.wong@example.com"', 'GET /Users?filter=userName eq "dana.lee@example.com"', 'POST /Users']);
    const post = scim.received.at(-1)!;
    expect(post).toMatchObject({ authorization: `Bearer ${token}`, contentType: 'application/scim+json' });
    expect(post.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
      userName: 'mia.wong@example.com',
      externalId: 'r1:create-account',
      active: false,
      name: { givenName: 'Mia', familyName: 'Wong', formatted: 'Mia Wong' },
      displayName: 'Mia Wong',
      emails: [
        { value: 'mia.wong@example.com', type: 'work', primary: true },
        { value: 'mia@personal.example', type: 'home' },
      ],
      title: 'Engineer',
      userType: 'engineer',
      addresses: [{ type: 'work', locality: 'London' }],
      [enterprise]: { department: 'engineering', manager: { value: dana.id } },
    });
    const stored = scim.user('mia.wong@example.com')!;
    expect(result).toEqual({ userId: stored.id, userName: 'mia.wong@example.com', active: false });
    expect(stored).toMatchObject({ externalId: 'r1:create-account', active: false, [enterprise]: { department: 'engineering', manager: { value: dana.id } } });
  });

  it("When the account step runs again with the same key, then the joiner's user is found and no second one is created", async () => {
    const first = scim.user('mia.wong@example.com')!;
    const n = scim.received.length;
    expect(await op('create-account')(mia, joinerStep)).toEqual({ userId: first.id, userName: 'mia.wong@example.com', active: false });
    expect(since(n)).toEqual(['GET /Users?filter=userName eq "mia.wong@example.com"']);
    expect(scim.usersNamed('mia.wong@example.com')).toBe(1);
  });

  it('When two calls of one step create at once, then the one answered 409 looks the user up and both give the same single user', async () => {
    const leo = { ...mia, name: 'Leo Hart', personalEmail: 'leo@personal.example' };
    const step = { ...ctx, idempotencyKey: 'r7:create-account' };
    // The first create is held a moment, so both calls have looked and found nothing before either creates.
    scim.answerSlowly(/^POST \/scim\/v2\/Users/, 300);
    const n = scim.received.length;
    const [a, b] = await Promise.all([op('create-account')(leo, step), op('create-account')(leo, step)]);
    expect(a).toEqual(b);
    expect(scim.usersNamed('leo.hart@example.com')).toBe(1);
    expect(since(n).filter((r) => r === 'POST /Users')).toHaveLength(2);
    expect(since(n).at(-1)).toBe('GET /Users?filter=userName eq "leo.hart@example.com"');
  });

  it('When the userName belongs to someone else, then the step fails without creating or changing a user', async () => {
    const n = scim.received.length;
    await expect(
      op('create-account')({ ...mia, personalEmail: 'another.mia@personal.example' }, { ...ctx, idempotencyKey: 'r3:create-account' }),
    ).rejects.toThrow('identity could not create-account: the userName mia.wong@example.com belongs to another account');
    expect(since(n)).toEqual(['GET /Users?filter=userName eq "mia.wong@example.com"']);
    expect(scim.usersNamed('mia.wong@example.com')).toBe(1);
  });

  it('When a user is looked up, then the filter finds them by userName, or says they are not there', async () => {
    const sam = scim.user('sam.patel@example.com')!;
    expect(await op('find-user')({ email: 'SAM.PATEL@example.com' }, ctx)).toEqual({
      found: true,
      userId: sam.id,
      userName: 'sam.patel@example.com',
      active: true,
      externalId: null,
    });
    expect(await op('find-user')({ email: 'nobody@example.com' }, ctx)).toEqual({ found: false, userName: 'nobody@example.com' });
    expect(since(scim.received.length - 2)).toEqual([
      'GET /Users?filter=userName eq "sam.patel@example.com"',
      'GET /Users?filter=userName eq "nobody@example.com"',
    ]);
  });

  it("When a mover's title, department and manager change, then one PATCH replaces them, If-Match the version read", async () => {
    const before = scim.user('sam.patel@example.com')!;
    const dana = scim.user('dana.lee@example.com')!;
    const n = scim.received.length;
    const result = await op('update-user')(
      { email: 'sam.patel@example.com', title: 'Staff Engineer', department: 'platform', managerEmail: 'dana.lee@example.com' },
      ctx,
    );
    expect(result).toEqual({ userId: before.id, userName: 'sam.patel@example.com', changed: ['title', 'department', 'manager'] });
    const patch = scim.received.at(-1)!;
    expect(since(n).at(-1)).toBe(`PATCH /Users/${before.id as string}`);
    expect(patch.ifMatch).toBe(`W/"${before.version as number}"`);
    expect(patch.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'title', value: 'Staff Engineer' },
        { op: 'replace', path: `${enterprise}:department`, value: 'platform' },
        { op: 'replace', path: `${enterprise}:manager`, value: { value: dana.id } },
      ],
    });
    expect(scim.user('sam.patel@example.com')).toMatchObject({
      title: 'Staff Engineer',
      [enterprise]: { department: 'platform', manager: { value: dana.id } },
    });
  });

  it('When an account is deactivated and activated, then active is replaced with PATCH, and a repeat changes nothing', async () => {
    const mia = scim.user('mia.wong@example.com')!;
    expect(await op('activate-account')({ email: 'mia.wong@example.com' }, ctx)).toEqual({ userId: mia.id, userName: 'mia.wong@example.com', active: true });
    expect(scim.user('mia.wong@example.com')!.active).toBe(true);
    const n = scim.received.length;
    await op('deactivate-account')({ email: 'mia.wong@example.com' }, ctx);
    expect(scim.user('mia.wong@example.com')!.active).toBe(false);
    expect((scim.received.at(-1)!.body as { Operations: unknown }).Operations).toEqual([{ op: 'replace', path: 'active', value: false }]);
    await op('deactivate-account')({ email: 'mia.wong@example.com' }, ctx);
    expect(since(n)).toEqual([
      'GET /Users?filter=userName eq "mia.wong@example.com"',
      `PATCH /Users/${mia.id as string}`,
      'GET /Users?filter=userName eq "mia.wong@example.com"',
    ]);
  });

  it('When the user changed since it was read (412), then it is read again and the change sent with its new version', async () => {
    const user = scim.user('sam.patel@example.com')!;
    scim.changeAfterNextRead('sam.patel@example.com');
    const n = scim.received.length;
    await op('deactivate-account')({ email: 'sam.patel@example.com' }, ctx);
    expect(since(n)).toEqual([
      'GET /Users?filter=userName eq "sam.patel@example.com"',
      `PATCH /Users/${user.id as string}`,
      `GET /Users/${user.id as string}`,
      `PATCH /Users/${user.id as string}`,
    ]);
    const [first, second] = scim.received.slice(n).filter((r) => r.method === 'PATCH');
    expect([first!.ifMatch, second!.ifMatch]).toEqual([`W/"${user.version as number}"`, `W/"${(user.version as number) + 1}"`]);
    expect(scim.user('sam.patel@example.com')!.active).toBe(false);
    await op('activate-account')({ email: 'sam.patel@example.com' }, ctx);
  });

  it('When the user changes again while the change is sent again, then the step gets a retryable error and nothing is overwritten', async () => {
    const user = scim.user('sam.patel@example.com')!;
    scim.changeAfterNextRead('sam.patel@example.com', 2);
    const error = await op('deactivate-account')({ email: 'sam.patel@example.com' }, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: 'identity could not deactivate-account: the resource changed again while it was being changed (HTTP 412)',
      retryable: true,
    });
    expect(scim.user('sam.patel@example.com')).toMatchObject({ active: true, version: (user.version as number) + 2 });
  });
});

describe('SCIM connector: groups', () => {
  it('When a user is added to a group, then the group is found by displayName and its members patched once; again changes nothing', async () => {
    const sam = scim.user('sam.patel@example.com')!;
    const n = scim.received.length;
    const result = await op('add-to-group')({ email: 'sam.patel@example.com', group: 'vpn-users', duration: '30-days' }, ctx);
    expect(result).toMatchObject({ userId: sam.id, group: 'vpn-users', duration: '30-days' });
    expect(since(n)).toEqual([
      'GET /Users?filter=userName eq "sam.patel@example.com"',
      'GET /Groups?filter=displayName eq "vpn-users"',
      `PATCH /Groups/${result.groupId as string}`,
    ]);
    expect(scim.received.at(-1)!.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: sam.id }] }],
    });
    expect(scim.received.at(-1)!.ifMatch).toBe('W/"1"');
    expect(scim.members('vpn-users')).toEqual(['sam.patel@example.com']);
    const m = scim.received.length;
    await op('add-to-group')({ email: 'sam.patel@example.com', group: 'vpn-users' }, ctx);
    expect(since(m).some((r) => r.startsWith('PATCH'))).toBe(false);
    expect(scim.members('vpn-users')).toEqual(['sam.patel@example.com']);
  });

  it('When a user is removed from a group, then a PATCH removes that member by value, and removing again changes nothing', async () => {
    const sam = scim.user('sam.patel@example.com')!;
    await op('add-to-group')({ email: 'dana.lee@example.com', group: 'vpn-users' }, ctx);
    await op('remove-from-group')({ email: 'sam.patel@example.com', group: 'vpn-users' }, ctx);
    expect((scim.received.at(-1)!.body as { Operations: unknown }).Operations).toEqual([{ op: 'remove', path: `members[value eq "${sam.id as string}"]` }]);
    expect(scim.members('vpn-users')).toEqual(['dana.lee@example.com']);
    const n = scim.received.length;
    await op('remove-from-group')({ email: 'sam.patel@example.com', group: 'vpn-users' }, ctx);
    expect(since(n).some((r) => r.startsWith('PATCH'))).toBe(false);
  });

  it('When access is granted, then the user joins the entitlement group access:<system>:<level>', async () => {
    const result = await op('grant-access')({ email: 'sam.patel@example.com', system: 'github', level: 'write' }, ctx);
    expect(result).toMatchObject({ entitlement: 'access:github:write' });
    expect(scim.members('access:github:write')).toEqual(['sam.patel@example.com']);
  });
});

describe('SCIM connector: errors', () => {
  it('When the token is refused, then the error says so with the SCIM detail, is not retried, and never shows the token', async () => {
    const wrong = scimIntegration({ baseUrl: scim.url, token: 'not-the-token' }, calls);
    const error = await wrong.operations['find-user']!({ email: 'sam.patel@example.com' }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ message: 'identity could not find-user: HTTP 401: Authorization failed', retryable: false });
    expect(JSON.stringify(error)).not.toContain('not-the-token');
  });

  it("When the service's detail echoes the token, then the error shows it masked; a SCIM scimType is named", async () => {
    scim.failWhen(/^GET \/scim\/v2\/Users/, 400, `bad request from ${token}`);
    await expect(op('find-user')({ email: 'sam.patel@example.com' }, ctx)).rejects.toThrow('identity could not find-user: HTTP 400: bad request from [token]');
    await expect(op('create-account')({ ...mia, name: 'Sam Patel', personalEmail: 'x@personal.example' }, ctx)).rejects.toThrow(/belongs to another account/);
  });

  it('When the service answers 503 with Retry-After: 1, then the request is sent again after that second and the step succeeds', async () => {
    scim.failWhen(/^GET \/scim\/v2\/Users/, 503, 'Service unavailable', 1, { retryAfter: '1' });
    const n = scim.received.length;
    const started = Date.now();
    expect(await op('find-user')({ email: 'sam.patel@example.com' }, ctx)).toMatchObject({ found: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(since(n)).toEqual(['GET /Users?filter=userName eq "sam.patel@example.com"', 'GET /Users?filter=userName eq "sam.patel@example.com"']);
  });

  it('When the service answers 429 with a Retry-After longer than a quick retry, then the step gets a retryable error carrying the wait', async () => {
    scim.failWhen(/^GET \/scim\/v2\/Users/, 429, 'Too many requests', 1, { retryAfter: '120' });
    const n = scim.received.length;
    const error = await op('find-user')({ email: 'sam.patel@example.com' }, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'identity could not find-user: HTTP 429: Too many requests', retryable: true, retryAfterMs: 120_000 });
    expect(scim.received.length - n).toBe(1);
  });

  it('When 5xx answers outlast the quick retries, then the error is retryable for the fulfilment policy, after one request and one retry', async () => {
    scim.failWhen(/^GET \/scim\/v2\/Groups/, 502, 'Bad gateway', 2);
    const n = scim.received.length;
    const error = await op('add-to-group')({ email: 'sam.patel@example.com', group: 'vpn-users' }, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'identity could not add-to-group: HTTP 502: Bad gateway', retryable: true });
    expect(since(n).filter((r) => r.startsWith('GET /Groups'))).toHaveLength(2);
  });

  it('When the service does not answer within the request timeout, then the request is abandoned and the step gets a retryable error', async () => {
    const impatient = scimIntegration({ baseUrl: scim.url, token }, { ...calls, timeoutMs: 200, retries: 0 });
    scim.answerSlowly(/^GET \/scim\/v2\/Users/, 1_500);
    const started = Date.now();
    const error = await impatient.operations['find-user']!({ email: 'sam.patel@example.com' }, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'identity could not find-user: the SCIM service did not answer in time', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('When the input would change the filter or names no group, then it is refused before any request', async () => {
    const n = scim.received.length;
    await expect(op('add-to-group')({ email: 'sam.patel@example.com', group: 'vpn-users" or displayName pr "' }, ctx)).rejects.toThrow(
      /refused the input \(group/,
    );
    await expect(op('find-user')({ email: 'x" or userName pr "@example.com' }, ctx)).rejects.toThrow(/refused the input \(email/);
    await expect(op('update-user')({ email: 'sam.patel@example.com' }, ctx)).rejects.toThrow(/names nothing to change/);
    expect(scim.received.length).toBe(n);
    await expect(op('add-to-group')({ email: 'sam.patel@example.com', group: 'no-such-group' }, ctx)).rejects.toThrow(
      'identity could not add-to-group: there is no group no-such-group',
    );
  });

  it('When a password reset or an unlock is asked of SCIM, then the step fails plainly (SCIM has neither) without a request', async () => {
    const n = scim.received.length;
    await expect(op('reset-password')({ email: 'sam.patel@example.com' }, ctx)).rejects.toMatchObject({
      message: "identity could not reset-password: SCIM 2.0 has no password reset link; do it in the identity system's own console",
      retryable: false,
    });
    await expect(op('unlock-account')({ email: 'sam.patel@example.com' }, ctx)).rejects.toThrow(/SCIM 2.0 has no account lockout/);
    expect(scim.received.length).toBe(n);
  });
});
