import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import { laptopFields, startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { ScimService } from '../integrations/scim-service.js';
import { enterpriseSchema, seedScimDirectory } from './scim-directory-seed.js';

/* DIRECTORY_SOURCE=scim: people, managers and groups from a real SCIM 2.0 service, synced into the database. */
const token = 'scim-directory-test-token';
let scim: ScimService;
let h: ApiHarness;
let idOf: Map<string, string>;

beforeAll(async () => {
  scim = new ScimService(token);
  await scim.start();
  ({ idOf } = await seedScimDirectory(scim));
  h = await startApiHarness({ DIRECTORY_SOURCE: 'scim', DIRECTORY_SCIM_URL: scim.url, DIRECTORY_SCIM_TOKEN: token, DIRECTORY_SCIM_PAGE_SIZE: '7' });
});
afterAll(async () => {
  await h?.close();
  await scim.close();
});

const as = async (email: string, roles: Role[]) => ({
  authorization: `Bearer ${(await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}`,
});
const pendingFor = async (email: string) =>
  (await h.app.inject({ url: '/api/v1/approvals', headers: await as(email, ['approver']) })).json<{ approvals: Array<{ requestNumber: string; approvalId: string }> }>().approvals;
const payloads = async (email: string) => (await h.deps.store.read.outbox.forPerson(email)).map((row) => JSON.stringify(row.payload));

describe('A directory synced from SCIM', () => {
  it('When the sync runs, then people, managers, departments, cost centres and groups come from the SCIM users and groups, read page by page', async () => {
    expect(await h.deps.syncDirectory!()).toMatchObject({ ok: true, people: 34 });
    const sam = await h.deps.directory.findByEmail('Sam.Patel@example.com');
    expect(sam).toMatchObject({
      id: 'sam.patel@example.com', name: 'Sam Patel', managerEmail: 'dana.lee@example.com', department: 'Engineering', role: 'engineer', title: 'Senior Software Engineer', costCentre: 'CC-3100', location: 'Berlin', groups: [],
    });
    expect((await h.deps.directory.findByEmail('fatima.haddad@example.com'))?.groups).toEqual(['managers', 'service-desk', 'team:identity', 'team:it-software']);
    expect((await h.deps.directory.membersOf('service-desk')).map((p) => p.id).sort()).toEqual(['carlos.mendes@example.com', 'fatima.haddad@example.com', 'julia.weber@example.com']);
    expect((await h.deps.directory.directReports('dana.lee@example.com')).map((p) => p.id).sort()).toEqual(['alex.kim@example.com', 'jordan.rivera@example.com', 'sam.patel@example.com']);
    // 34 users at 7 a page: five pages, each with the token.
    const userPages = scim.received.filter((r) => r.method === 'GET' && r.url.startsWith('/scim/v2/Users?'));
    expect(userPages.map((r) => r.url)).toEqual(expect.arrayContaining(['/scim/v2/Users?startIndex=1&count=7', '/scim/v2/Users?startIndex=29&count=7']));
    expect(userPages.every((r) => r.authorization === `Bearer ${token}`)).toBe(true);
    const trail = await h.deps.store.read.audit.listForTarget('person', 'sam.patel@example.com');
    expect(trail[0]).toMatchObject({ actorId: 'system', action: 'directory.person-added', channel: 'system' });
    const health = (await h.app.inject({ url: '/health' })).json<{ directory: unknown }>();
    expect(health.directory).toMatchObject({ source: 'scim', ok: true, people: 34 });
  });

  it("When a requester's manager changes and an approver leaves, then their open approvals move, the old cards are withdrawn, and the service desk hears of the leaver's own request", async () => {
    await h.deps.syncDirectory!();
    const sam = await h.person('sam.patel@example.com');
    const alex = await h.person('alex.kim@example.com');
    const dana = await h.person('dana.lee@example.com');
    const samsRequest = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'api' });
    const alexsRequest = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: alex, fields: laptopFields, channel: 'api' });
    const danasRequest = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: dana, fields: laptopFields, channel: 'api' });
    expect((await pendingFor('dana.lee@example.com')).map((c) => c.requestNumber)).toEqual(expect.arrayContaining([samsRequest.number, alexsRequest.number]));

    scim.changeUser('sam.patel@example.com', (data) => {
      data[enterpriseSchema] = { ...(data[enterpriseSchema] as object), manager: { value: idOf.get('ravi.shah@example.com') } };
    });
    scim.changeUser('dana.lee@example.com', (data) => {
      data.active = false;
    });
    expect(await h.deps.syncDirectory!()).toMatchObject({ ok: true, people: 33, changed: 3, left: 1, approvalsMoved: 2 });

    // Sam's manager stage is Ravi's now; Alex's (Dana left) is Dana's manager Priya's.
    expect((await pendingFor('ravi.shah@example.com')).map((c) => c.requestNumber)).toContain(samsRequest.number);
    expect((await pendingFor('priya.raman@example.com')).map((c) => c.requestNumber)).toEqual(expect.arrayContaining([alexsRequest.number, danasRequest.number]));
    const [samsApproval] = await h.deps.store.read.approvals.listByRequest(samsRequest.id);
    expect(samsApproval).toMatchObject({ approverId: 'ravi.shah@example.com', approverRole: 'your manager', status: 'pending' });
    expect((await h.deps.store.read.audit.listForTarget('approval', samsApproval!.id)).at(-1)).toMatchObject({
      actorId: 'system', action: 'approval.reassigned', before: { approver: 'dana.lee@example.com' }, after: { approver: 'ravi.shah@example.com' }, channel: 'system',
    });
    // Dana's copies are withdrawn; Ravi got the card.
    const toDana = (await h.deps.store.read.outbox.forPerson('dana.lee@example.com')).map((r) => r.payload as { cardChange?: { card: { requestNumber: string; outcome?: { decision: string } } } });
    expect(toDana.filter((p) => p.cardChange?.card.outcome?.decision === 'withdrawn').map((p) => p.cardChange!.card.requestNumber).sort()).toEqual([samsRequest.number, alexsRequest.number].sort());
    expect((await payloads('ravi.shah@example.com')).some((p) => p.includes('"kind":"approval"') && p.includes(samsRequest.number))).toBe(true);
    // The leaver and the change are audited; Dana's own open request is noted for the service desk.
    expect((await h.deps.store.read.audit.listForTarget('person', 'dana.lee@example.com')).at(-1)).toMatchObject({ action: 'directory.person-left' });
    expect((await h.deps.store.read.audit.listForTarget('person', 'sam.patel@example.com')).at(-1)).toMatchObject({
      action: 'directory.person-changed', before: { managerEmail: 'dana.lee@example.com' }, after: { managerEmail: 'ravi.shah@example.com' },
    });
    expect((await h.deps.store.read.audit.listForTarget('request', danasRequest.id)).at(-1)).toMatchObject({ action: 'request.requester-left' });
    expect((await payloads('fatima.haddad@example.com')).some((p) => p.includes(`${danasRequest.number} was asked for by Dana Lee, who left`))).toBe(true);
    expect(await h.deps.directory.findByEmail('dana.lee@example.com')).toBeUndefined();
    // Ravi decides the moved approval over the API.
    const card = (await pendingFor('ravi.shah@example.com')).find((c) => c.requestNumber === samsRequest.number)!;
    const decided = await h.app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: await as('ravi.shah@example.com', ['approver']), payload: { decision: 'approve' } });
    expect(decided.statusCode).toBe(200);
  });

  it('When the SCIM service fails during a sync, then the last good copy stays and /health says why, without the token', async () => {
    await h.deps.syncDirectory!();
    scim.failWhen(/^GET \/scim\/v2\/Groups/, 503, `maintenance, token ${token}`, 20);
    const outcome = await h.deps.syncDirectory!();
    expect(outcome.ok).toBe(false);
    expect((await h.deps.directory.list()).length).toBe(33);
    expect(await h.deps.directory.findByEmail('sam.patel@example.com')).toMatchObject({ managerEmail: 'ravi.shah@example.com' });
    const health = await h.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().directory).toMatchObject({ source: 'scim', ok: false, people: 33, lastError: expect.stringContaining('HTTP 503') });
    expect(health.body).not.toContain(token);
    scim.clearFailures();
  });

  it('When a member of an approving group leaves, then their copy of the group stage is cancelled and the others of the group still decide', async () => {
    scim.addMember('security', idOf.get('rachel.adeyemi@example.com')!);
    await h.deps.syncDirectory!();
    const vpn = await h.deps.lifecycle.submit({
      requestTypeId: 'vpn', requester: await h.person('chloe.martin@example.com'), channel: 'api',
      fields: { device: 'personal-device', duration: '30-days', justification: 'Travelling to a customer next month' },
    });
    const security = () => h.deps.store.read.approvals.listByRequest(vpn.id).then((rows) => rows.filter((a) => a.stageId === 'security').map((a) => [a.approverId, a.status]).sort());
    expect(await security()).toEqual([['ines.duarte@example.com', 'waiting'], ['rachel.adeyemi@example.com', 'waiting']]);
    scim.changeUser('rachel.adeyemi@example.com', (data) => {
      data.active = false;
    });
    expect(await h.deps.syncDirectory!()).toMatchObject({ ok: true, left: 1, approvalsMoved: 0 });
    expect(await security()).toEqual([['ines.duarte@example.com', 'waiting'], ['rachel.adeyemi@example.com', 'cancelled']]);
    const rachels = (await h.deps.store.read.approvals.listByRequest(vpn.id)).find((a) => a.approverId === 'rachel.adeyemi@example.com')!;
    expect((await h.deps.store.read.audit.listForTarget('approval', rachels.id)).at(-1)).toMatchObject({
      actorId: 'system', action: 'approval.cancelled', reason: 'Rachel Adeyemi has left the directory; the others asked decide',
    });
  });
});
