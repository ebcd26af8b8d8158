import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import { loadConfig } from '../../src/config/config.js';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import { waitFor } from '../fulfilment/another-replica.js';
import { startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { ScimService } from './scim-service.js';

const token = 'scim-fulfilment-test-token';
let scim: ScimService;
let h: ApiHarness;
let app: FastifyInstance;

beforeAll(async () => {
  scim = new ScimService(token);
  await scim.start();
  for (const person of await (await loadFileDirectory('integrations/sample-directory/people.yaml')).list())
    scim.addUser(person.email, { displayName: person.name });
  scim.addGroup('vpn-users');
  scim.addGroup('access:github:read');
  h = await startApiHarness({
    IDENTITY_PROVIDER: 'scim',
    SCIM_BASE_URL: scim.url,
    SCIM_TOKEN: token,
    FULFILMENT_STEP_ATTEMPTS: '2',
    FULFILMENT_RETRY_AFTER_MS: '50',
  });
  app = h.app;
});
afterAll(async () => {
  await h.close();
  await scim.close();
});

const as = async (email: string, roles: Role[]) => ({
  authorization: `Bearer ${(await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}`,
});

/** Submits over the API and has the requester's manager approve every stage over the API. */
async function submitApproved(requester: string, manager: string, requestTypeId: string, fields: Record<string, string>): Promise<string> {
  const submitted = await app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: await as(requester, ['requester']),
    payload: { requestTypeId, fields },
  });
  expect(submitted.statusCode).toBe(201);
  const { number } = submitted.json<{ number: string }>();
  const approver = await as(manager, ['approver']);
  const card = (await app.inject({ url: '/api/v1/approvals', headers: approver }))
    .json<{ approvals: Array<{ requestNumber: string; approvalId: string }> }>()
    .approvals.find((c) => c.requestNumber === number)!;
  expect(
    (await app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: approver, payload: { decision: 'approve' } }))
      .statusCode,
  ).toBe(200);
  await h.deps.fulfilment.idle();
  return number;
}

describe('Fulfilment over SCIM (IDENTITY_PROVIDER=scim)', () => {
  it('When a VPN request is approved over the API, then the requester is a member of vpn-users at the SCIM service and the request is fulfilled', async () => {
    const number = await submitApproved('sam.patel@example.com', 'dana.lee@example.com', 'vpn', {
      device: 'company-laptop',
      duration: '30-days',
      justification: 'Working from home two days a week',
    });
    const request = (await app.inject({ url: `/api/v1/requests/${number}`, headers: await as('sam.patel@example.com', ['requester']) })).json<{
      status: string;
    }>();
    expect(request.status).toBe('fulfilled');
    expect(scim.members('vpn-users')).toEqual(['sam.patel@example.com']);
    const patch = scim.received.find((r) => r.method === 'PATCH')!;
    expect(patch).toMatchObject({ authorization: `Bearer ${token}`, contentType: 'application/scim+json', ifMatch: 'W/"1"' });
    // The Okta-style system is not asked anything.
    expect(h.identity.received).toEqual([]);
  });

  it("When an onboarding is approved, then the joiner's user exists once at the SCIM service, inactive, keyed by the request and step, with the manager", async () => {
    const startDate = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const number = await submitApproved('dana.lee@example.com', 'priya.raman@example.com', 'onboarding', {
      'joiner-name': 'Noor Haddad',
      'personal-email': 'noor@personal.example',
      'start-date': startDate,
      department: 'engineering',
      role: 'engineer',
      title: 'Software Engineer',
      manager: 'dana.lee@example.com',
      location: 'Berlin',
    });
    const row = (await h.deps.store.read.requests.findByNumber(Number(number.slice(4))))!;
    const steps = await h.deps.fulfilment.steps(row.id);
    expect(steps[0]).toMatchObject({ integration: 'identity', status: 'done' });
    expect(scim.usersNamed('noor.haddad@example.com')).toBe(1);
    expect(scim.user('noor.haddad@example.com')).toMatchObject({
      externalId: `${row.id}:create-account`,
      active: false,
      displayName: 'Noor Haddad',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'engineering', manager: { value: scim.user('dana.lee@example.com')!.id } },
    });
  });

  it('When the SCIM service keeps answering 503 past the quick retries, then the fulfilment policy calls the step again with the same key and the member is added once', async () => {
    const vpnPatches = () => scim.received.filter((r) => r.method === 'PATCH' && r.url.startsWith('/scim/v2/Groups/')).length;
    const before = vpnPatches();
    scim.failWhen(/^PATCH \/scim\/v2\/Groups\//, 503, 'Service unavailable', 3);
    const number = await submitApproved('alex.kim@example.com', 'dana.lee@example.com', 'vpn', {
      device: 'company-laptop',
      duration: '90-days',
      justification: 'Travelling to a customer for a quarter',
    });
    const row = (await h.deps.store.read.requests.findByNumber(Number(number.slice(4))))!;
    await waitFor(async () => (await h.deps.store.read.requests.findById(row.id))!.status === 'fulfilled', `${number} is fulfilled`);
    const [step] = (await h.deps.fulfilment.steps(row.id)).filter((s) => s.integration === 'identity');
    expect(step).toMatchObject({ status: 'done', attempts: 2, error: null });
    const trail = await h.deps.store.read.audit.listForTarget('fulfilment-step', step!.id);
    expect(trail.map((a) => a.action)).toEqual(['fulfilment-step.started', 'fulfilment-step.retrying', 'fulfilment-step.started', 'fulfilment-step.done']);
    expect(trail[1]!.reason).toBe('identity could not add-to-group: HTTP 503: Service unavailable');
    // Three refused PATCHes in the first call (one and two quick retries), one in the second.
    expect(vpnPatches() - before).toBe(4);
    expect(scim.members('vpn-users')).toEqual(['alex.kim@example.com', 'sam.patel@example.com']);
  });

  it('When a password reset is asked with SCIM, then the step fails plainly for the service desk and the requester is told', async () => {
    const submitted = await app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: await as('alex.kim@example.com', ['requester']),
      payload: { requestTypeId: 'password-reset', fields: { action: 'reset', account: 'network' } },
    });
    await h.deps.fulfilment.idle();
    const row = (await h.deps.store.read.requests.findByNumber(Number(submitted.json<{ number: string }>().number.slice(4))))!;
    expect(row.status).toBe('failed');
    const [step] = await h.deps.fulfilment.steps(row.id);
    expect(step).toMatchObject({
      status: 'failed',
      error: "identity could not reset-password: SCIM 2.0 has no password reset link; do it in the identity system's own console",
    });
  });
});

describe('Choosing the identity connector', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as { problems: string[] }).problems;
    }
  };

  it('When SCIM is chosen without its URL or token, or its settings are given while Okta is chosen, then the app refuses to start and says why', () => {
    expect(loadConfig({}).IDENTITY_PROVIDER).toBe('okta');
    expect(problems({ IDENTITY_PROVIDER: 'scim' })).toEqual([
      'SCIM_BASE_URL: is required when IDENTITY_PROVIDER=scim',
      'SCIM_TOKEN: is required when IDENTITY_PROVIDER=scim',
    ]);
    expect(problems({ SCIM_BASE_URL: 'http://127.0.0.1:9/scim/v2', SCIM_TOKEN: 't' })).toEqual([
      'IDENTITY_PROVIDER: is okta, so SCIM_BASE_URL and SCIM_TOKEN would be ignored; set IDENTITY_PROVIDER=scim to use them',
    ]);
    expect(problems({ IDENTITY_PROVIDER: 'ldap' })[0]).toMatch(/^IDENTITY_PROVIDER: /);
  });

  it('When the embedded mode is pointed at a SCIM service that is not local, then it is refused like any real identity system', () => {
    expect(problems({ IDENTITY_PROVIDER: 'scim', SCIM_BASE_URL: 'https://idp.example.com/scim/v2', SCIM_TOKEN: 't' })).toEqual([
      'SCIM_BASE_URL: a real identity system is refused in the embedded mode (anyone could act as anyone there); use FRONTDOOR_MODE=secure',
    ]);
  });
});
