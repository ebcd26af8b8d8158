import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import { startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { ScimService } from '../integrations/scim-service.js';

/* Reconciliation: the SCIM identity system against what Frontdoor provisioned and the directory. */
const token = 'reconciliation-test-token';
let scim: ScimService;
let h: ApiHarness;
const idOf = new Map<string, string>();

beforeAll(async () => {
  scim = new ScimService(token);
  await scim.start();
  for (const person of await (await loadFileDirectory('integrations/sample-directory/people.yaml')).list()) idOf.set(person.email, scim.addUser(person.email, { displayName: person.name }));
  // Someone who left long ago, whose account nobody removed.
  idOf.set('old.contractor@example.com', scim.addUser('old.contractor@example.com', { displayName: 'Old Contractor' }));
  scim.addGroup('vpn-users');
  scim.addGroup('owners:github');
  // Given by the directory (Dana owns GitHub there): not drift.
  scim.addMember('owners:github', idOf.get('dana.lee@example.com')!);
  // Added by hand at the identity system: drift.
  scim.addMember('vpn-users', idOf.get('ethan.brooks@example.com')!);
  scim.addMember('owners:github', idOf.get('sam.patel@example.com')!);
  h = await startApiHarness({ IDENTITY_PROVIDER: 'scim', SCIM_BASE_URL: scim.url, SCIM_TOKEN: token, RECONCILIATION_HOURS: '0', DIRECTORY_SCIM_PAGE_SIZE: '10' });
});
afterAll(async () => {
  await h?.close();
  await scim.close();
});

const as = async (email: string, roles: Role[]) => ({
  authorization: `Bearer ${(await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}`,
});

/** Sam's VPN, asked for and approved over the API, fulfilled at the SCIM service. */
async function samsVpn(): Promise<string> {
  const submitted = await h.app.inject({
    method: 'POST', url: '/api/v1/requests', headers: await as('sam.patel@example.com', ['requester']),
    payload: { requestTypeId: 'vpn', fields: { device: 'company-laptop', duration: 'permanent', justification: 'On call for the payments service' } },
  });
  expect(submitted.statusCode).toBe(201);
  const { number } = submitted.json<{ number: string }>();
  const dana = await as('dana.lee@example.com', ['approver']);
  const card = (await h.app.inject({ url: '/api/v1/approvals', headers: dana })).json<{ approvals: Array<{ requestNumber: string; approvalId: string }> }>().approvals.find((c) => c.requestNumber === number)!;
  expect((await h.app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: dana, payload: { decision: 'approve' } })).statusCode).toBe(200);
  await h.deps.fulfilment.idle();
  return number;
}

describe('GET /api/v1/reconciliation', () => {
  it('When no reconciliation has run, then there is no report yet', async () => {
    const answer = await h.app.inject({ url: '/api/v1/reconciliation', headers: await as('fatima.haddad@example.com', ['agent']) });
    expect(answer.statusCode).toBe(404);
  });

  it('When the identity system is reconciled, then the orphaned account and the memberships nobody asked for are reported, and the service desk is told', async () => {
    const number = await samsVpn();
    expect(scim.members('vpn-users')).toEqual(['ethan.brooks@example.com', 'sam.patel@example.com']);
    await h.deps.reconcile!();

    const answer = await h.app.inject({ url: '/api/v1/reconciliation', headers: await as('fatima.haddad@example.com', ['agent']) });
    expect(answer.statusCode).toBe(200);
    const report = answer.json();
    expect(report.orphanedAccounts).toEqual([{ userName: 'old.contractor@example.com', active: true }]);
    // Sam's VPN came through Frontdoor and Dana's GitHub ownership from the directory: neither is drift.
    expect(report.drift).toEqual([
      { group: 'owners:github', member: 'sam.patel@example.com' },
      { group: 'vpn-users', member: 'ethan.brooks@example.com' },
    ]);
    expect(report.checked).toEqual({ accounts: 35, groups: 2, memberships: 4 });
    // Listed page by page.
    expect(scim.received.some((r) => r.method === 'GET' && r.url === '/scim/v2/Users?startIndex=31&count=10')).toBe(true);

    const toServiceDesk = (await h.deps.store.read.outbox.forPerson('carlos.mendes@example.com')).map((r) => JSON.stringify(r.payload));
    expect(toServiceDesk.some((p) => p.includes('old.contractor@example.com') && p.includes('ethan.brooks@example.com is in vpn-users'))).toBe(true);
    expect(toServiceDesk.some((p) => p.includes(number))).toBe(false);
  });

  it('When the drift is cleaned up at the identity system, then the next report is empty and nobody is told', async () => {
    scim.users.delete(idOf.get('old.contractor@example.com')!);
    for (const group of scim.groups.values()) {
      const members = group.data.members as Array<{ value: string }>;
      group.data.members = members.filter((m) => m.value !== idOf.get('ethan.brooks@example.com') && !(group.data.displayName === 'owners:github' && m.value === idOf.get('sam.patel@example.com')));
    }
    const before = (await h.deps.store.read.outbox.forPerson('carlos.mendes@example.com')).length;
    const report = await h.deps.reconcile!();
    expect(report).toMatchObject({ orphanedAccounts: [], drift: [] });
    expect((await h.app.inject({ url: '/api/v1/reconciliation', headers: await as('ines.duarte@example.com', ['auditor']) })).json()).toMatchObject({ orphanedAccounts: [], drift: [] });
    expect((await h.deps.store.read.outbox.forPerson('carlos.mendes@example.com')).length).toBe(before);
  });

  it('When a requester asks, then the report is refused', async () => {
    const answer = await h.app.inject({ url: '/api/v1/reconciliation', headers: await as('sam.patel@example.com', ['requester', 'approver']) });
    expect(answer.statusCode).toBe(403);
  });
});
