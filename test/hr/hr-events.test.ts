import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hrSignature } from '../../src/api/hr-hook/hr-signature.js';
import type { Role } from '../../src/auth/index.js';
import { startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { TestClock } from '../support/test-clock.js';

const secret = 'hr-test-secret-0123456789abcdef0123456789';
// A Monday; TIME_ZONE is UTC in the harness.
const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness({ HR_WEBHOOK_SECRET: secret }, { clock });
  for (const group of ['all-staff', 'engineering', 'developers', 'sales']) h.identity.addGroup(group);
});
afterAll(() => h.close());

async function as(email: string, roles: Role[]): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${(await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}` };
}

/** Sends an event as HR does: the exact bytes signed with the time now (or the time given). */
async function send(event: unknown, options: { secret?: string; signedAt?: number; raw?: string } = {}) {
  const raw = options.raw ?? JSON.stringify(event);
  const t = Math.floor((options.signedAt ?? clock.now()) / 1000);
  const res = await h.app.inject({
    method: 'POST', url: '/hooks/hr', payload: raw,
    headers: { 'content-type': 'application/json', 'x-frontdoor-signature': hrSignature(options.secret ?? secret, t, raw) },
  });
  await h.deps.fulfilment.idle();
  return res;
}

async function request(number: string) {
  const res = await h.app.inject({ url: `/api/v1/requests/${number}`, headers: await as('fatima.haddad@example.com', ['agent']) });
  expect(res.statusCode).toBe(200);
  return res.json<{ status: string; requester: unknown; fields: Record<string, unknown>; steps: Array<{ id: string; title: string; status: string }> }>();
}

async function tasks(team: string) {
  const res = await h.app.inject({ url: `/api/v1/tasks?team=${team}`, headers: await as('fatima.haddad@example.com', ['agent']) });
  expect(res.statusCode).toBe(200);
  return res.json<{ tasks: Array<{ id: string; requestNumber: string; title: string; dueAt: string }> }>().tasks;
}

async function events(status?: string) {
  const res = await h.app.inject({ url: `/api/v1/hr/events${status ? `?status=${status}` : ''}`, headers: await as('fatima.haddad@example.com', ['agent']) });
  expect(res.statusCode).toBe(200);
  return res.json<{ events: Array<{ eventId: string | null; type: string | null; status: string; reason: string | null; requests: string[]; oldAccess: string[] | null; body: unknown }> }>().events;
}

const joiner = {
  id: 'evt-joiner-1',
  type: 'joiner',
  occurredAt: '2026-03-02T08:00:00Z',
  person: {
    employeeId: 'E-2001', name: 'Lena Fischer', personalEmail: 'lena.fischer@example.org', department: 'Engineering', role: 'engineer',
    title: 'Software Engineer', managerEmail: 'dana.lee@example.com', startDate: '2026-03-16', location: 'Berlin',
  },
};

describe('Joiners, movers and leavers from HR (POST /hooks/hr)', () => {
  it("When a signed joiner event arrives, then an onboarding request by the manager is pre-filled from it, and once approved its plan gives the role's bundle with the laptop due three working days before the start date", async () => {
    const res = await send(joiner);
    expect(res.statusCode, res.body).toBe(202);
    const [number] = res.json<{ requests: string[] }>().requests;
    const made = await request(number!);
    expect(made.status).toBe('awaiting_approval');
    expect(JSON.stringify(made.requester)).toContain('dana.lee@example.com');
    expect(made.fields).toMatchObject({ 'joiner-name': 'Lena Fischer', 'start-date': '2026-03-16', department: 'engineering', role: 'engineer', title: 'Software Engineer', manager: 'dana.lee@example.com', location: 'Berlin' });

    // The onboarding type's own approval: the manager's manager confirms the hire.
    const approver = await as('priya.raman@example.com', ['approver']);
    const card = (await h.app.inject({ url: '/api/v1/approvals', headers: approver })).json<{ approvals: Array<{ requestNumber: string; approvalId: string }> }>().approvals.find((c) => c.requestNumber === number)!;
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/approvals/${card.approvalId}/decision`, headers: approver, payload: { decision: 'approve' } })).statusCode).toBe(200);
    await h.deps.fulfilment.idle();

    expect(h.identity.userByLogin('lena.fischer@example.com')?.status).toBe('STAGED');
    expect(made.steps).toEqual([]);
    const planned = (await request(number!)).steps.map((st) => st.title);
    expect(planned).toContain('Give Lena Fischer the Engineering, engineers bundle: groups all-staff, engineering, developers; access to GitHub Enterprise, Jira, Confluence (a wiki space), Engineering docs folder');
    // The teams before the laptop do their part; then the hardware team has it.
    for (const team of ['messaging', 'identity']) {
      const task = (await tasks(team)).find((t) => t.requestNumber === number)!;
      const done = await h.app.inject({ method: 'POST', url: `/api/v1/tasks/${task.id}/complete`, headers: await as('peter.lindqvist@example.com', ['fulfiller']), payload: { note: 'Done' } });
      expect(done.statusCode, done.body).toBe(200);
      await h.deps.fulfilment.idle();
    }
    const laptop = (await tasks('it-hardware')).find((t) => t.requestNumber === number)!;
    expect(laptop.title).toBe('Prepare a MacBook Pro 14" (M3 Pro, 36 GB) for Lena Fischer, ready at Berlin on 2026-03-16');
    // Monday the 16th less three working days: Wednesday the 11th, not the request's SLA.
    expect(laptop.dueAt).toBe('2026-03-11T00:00:00.000Z');
    expect((await events('accepted')).find((e) => e.eventId === joiner.id)).toMatchObject({ type: 'joiner', requests: [number] });
  });

  it('When the same event id arrives again, then it is refused as a duplicate (409), makes nothing and is listed as one', async () => {
    const before = (await events('accepted')).length;
    const res = await send({ ...joiner, person: { ...joiner.person, name: 'Lena Fischer-Braun' } });
    expect(res.statusCode).toBe(409);
    expect((await events('accepted')).length).toBe(before);
    expect((await events('duplicate')).map((e) => e.eventId)).toContain(joiner.id);
    expect(await h.deps.store.read.requests.findBySubmissionKey(`hr-event:${joiner.id}`)).toMatchObject({ requestTypeId: 'onboarding' });
  });

  it('When a request is badly signed, stale, unsigned or signed for other bytes, then it is refused with 401 and nothing of it is stored', async () => {
    const count = (await events()).length;
    const other = { ...joiner, id: 'evt-forged' };
    expect((await send(other, { secret: 'not-the-secret-not-the-secret-not-the' })).statusCode).toBe(401);
    expect((await send(other, { signedAt: clock.now() - 301_000 })).statusCode).toBe(401);
    expect((await send(other, { signedAt: clock.now() + 301_000 })).statusCode).toBe(401);
    const signedFor = JSON.stringify(other);
    const tampered = await h.app.inject({
      method: 'POST', url: '/hooks/hr', payload: signedFor.replace('Lena', 'Mallory'),
      headers: { 'content-type': 'application/json', 'x-frontdoor-signature': hrSignature(secret, Math.floor(clock.now() / 1000), signedFor) },
    });
    expect(tampered.statusCode).toBe(401);
    expect((await h.app.inject({ method: 'POST', url: '/hooks/hr', payload: signedFor, headers: { 'content-type': 'application/json' } })).statusCode).toBe(401);
    expect((await events()).length).toBe(count);
    expect((await events()).map((e) => e.eventId)).not.toContain('evt-forged');
  });

  it('When a signed event is malformed or its request is refused, then HR gets a clear 4xx and the service desk finds it under rejected with the reason, without the personal email', async () => {
    const noPersonal = await send({ ...joiner, id: 'evt-bad-1', person: { ...joiner.person, personalEmail: undefined } });
    expect(noPersonal.statusCode).toBe(400);
    expect(noPersonal.json<{ message: string }>().message).toContain('person.personalEmail');
    expect((await send(null, { raw: '{"id": "evt-bad-2", ' })).statusCode).toBe(400);
    const unknownManager = await send({ ...joiner, id: 'evt-bad-3', person: { ...joiner.person, managerEmail: 'nobody@example.com' } });
    expect(unknownManager.statusCode).toBe(422);
    expect(unknownManager.json<{ message: string }>().message).toContain('nobody@example.com is not in the directory');

    const rejected = await events('rejected');
    expect(rejected.find((e) => e.eventId === 'evt-bad-1')?.reason).toContain('person.personalEmail: is required for a joiner');
    expect(rejected.find((e) => e.reason === 'the body is not JSON')).toMatchObject({ eventId: null, body: null });
    const refused = rejected.find((e) => e.eventId === 'evt-bad-3')!;
    expect(refused.reason).toContain('nobody@example.com is not in the directory');
    expect(JSON.stringify(refused.body)).not.toContain('lena.fischer@example.org');
    // A rejected event gives its id back: the corrected one is taken.
    const corrected = await send({ ...joiner, id: 'evt-bad-3', person: { ...joiner.person, name: 'Jonas Weber', personalEmail: 'jonas@example.org' } });
    expect(corrected.statusCode, corrected.body).toBe(202);

    // The list is the service desk's.
    expect((await h.app.inject({ url: '/api/v1/hr/events?status=rejected', headers: await as('sam.patel@example.com', ['requester']) })).statusCode).toBe(403);
  });

  it('When a leaver event arrives, then nothing happens before their last day; on it their memberships are removed, their account deactivated and the hardware team gets the recall task', async () => {
    const sam = 'sam.patel@example.com';
    const user = h.identity.userByLogin(sam)!;
    for (const group of ['all-staff', 'engineering', 'developers']) h.identity.members.get([...h.identity.groups.values()].find((g) => g.profile.name === group)!.id)!.add(user.id);
    const res = await send({
      id: 'evt-leaver-1', type: 'leaver', occurredAt: '2026-03-02T08:30:00Z',
      person: { employeeId: 'E-1042', name: 'Sam Patel', email: sam, department: 'engineering', role: 'engineer', managerEmail: 'dana.lee@example.com', lastDay: '2026-03-06' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const [number] = res.json<{ requests: string[] }>().requests;
    expect((await request(number!)).status).toBe('approved');

    // Thursday night, one minute before the last day: still nothing.
    clock.advance(new Date('2026-03-05T23:59:00Z').getTime() - clock.now());
    await h.deps.fulfilment.sweep();
    await h.deps.fulfilment.idle();
    expect(user.status).toBe('ACTIVE');
    expect(h.identity.groupMembers('developers')).toContain(sam);
    expect(h.identity.received.some((r) => r.url.includes('/lifecycle/deactivate'))).toBe(false);

    clock.advance(2 * 60_000);
    await h.deps.fulfilment.sweep();
    await h.deps.fulfilment.idle();
    expect(user.status).toBe('DEPROVISIONED');
    for (const group of ['all-staff', 'engineering', 'developers']) expect(h.identity.groupMembers(group)).not.toContain(sam);
    const made = await request(number!);
    expect(made.status).toBe('in_fulfilment');
    expect(made.steps.map((s) => [s.title, s.status])).toEqual([
      ['Remove Sam Patel from every group', 'done'],
      ['Deactivate the account of Sam Patel', 'done'],
      ['Recall the laptop and other equipment of Sam Patel (sam.patel@example.com), whose last day is 2026-03-06', 'pending'],
    ]);
    const recall = (await tasks('it-hardware')).find((t) => t.requestNumber === number)!;
    expect(recall.title).toBe('Recall the laptop and other equipment of Sam Patel (sam.patel@example.com), whose last day is 2026-03-06');
    expect(recall.dueAt).toBe('2026-03-06T00:00:00.000Z');
  });

  it('When a mover event arrives, then the new bundle is added, the new manager is told what old access remains, and the access they name is removed', async () => {
    const alex = 'alex.kim@example.com';
    const user = h.identity.userByLogin(alex)!;
    for (const group of ['all-staff', 'engineering', 'developers']) h.identity.members.get([...h.identity.groups.values()].find((g) => g.profile.name === group)!.id)!.add(user.id);
    const res = await send({
      id: 'evt-mover-1', type: 'mover', occurredAt: '2026-03-06T08:00:00Z',
      person: { employeeId: 'E-1043', name: 'Alex Kim', email: alex, department: 'Sales', role: 'sales', managerEmail: 'emma.johansson@example.com' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const [number] = res.json<{ requests: string[] }>().requests;
    expect((await request(number!)).status).toBe('fulfilled');
    expect(h.identity.groupMembers('sales')).toContain(alex);
    // Nothing is taken away before the new manager says so.
    expect(h.identity.groupMembers('developers')).toContain(alex);

    expect((await events('accepted')).find((e) => e.eventId === 'evt-mover-1')?.oldAccess).toEqual(['engineering', 'developers']);
    const told = (await h.deps.store.read.outbox.forPerson('emma.johansson@example.com')).map((row) => JSON.stringify(row.payload));
    expect(told.find((t) => t.includes('Alex Kim has moved to your team'))).toContain('still have: engineering, developers');

    // Only the new manager decides, and only on the old access.
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/hr/events/evt-mover-1/old-access', headers: await as('dana.lee@example.com', ['approver']), payload: { remove: ['developers'] } })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/hr/events/evt-mover-1/old-access', headers: await as('emma.johansson@example.com', ['approver']), payload: { remove: ['sales'] } })).statusCode).toBe(400);
    const decided = await h.app.inject({ method: 'POST', url: '/api/v1/hr/events/evt-mover-1/old-access', headers: await as('emma.johansson@example.com', ['approver']), payload: { remove: ['developers'] } });
    expect(decided.statusCode, decided.body).toBe(201);
    await h.deps.fulfilment.idle();
    expect((await request(decided.json<{ number: string }>().number)).status).toBe('fulfilled');
    expect(h.identity.groupMembers('developers')).not.toContain(alex);
    expect(h.identity.groupMembers('engineering')).toContain(alex);
  });

  it('When someone asks for a type made from HR events only over the API, then it is refused as unknown', async () => {
    const res = await h.app.inject({
      method: 'POST', url: '/api/v1/requests', headers: await as('dana.lee@example.com', ['requester']),
      payload: { requestTypeId: 'leaver', fields: { leaver: 'sam.patel@example.com', name: 'Sam Patel', 'employee-id': 'E-1', 'last-day': '2026-04-01' } },
    });
    expect(res.statusCode).toBe(400);
    const listed = await h.app.inject({ url: '/api/v1/catalog/request-types', headers: await as('dana.lee@example.com', ['requester']) });
    if (listed.statusCode === 200) expect(JSON.stringify(listed.json())).not.toContain('"leaver"');
  });
});

describe('without HR_WEBHOOK_SECRET', () => {
  it('When no secret is configured, then POST /hooks/hr does not exist', async () => {
    const bare = await startApiHarness();
    try {
      const res = await bare.app.inject({ method: 'POST', url: '/hooks/hr', payload: JSON.stringify(joiner), headers: { 'content-type': 'application/json', 'x-frontdoor-signature': hrSignature(secret, Math.floor(Date.now() / 1000), JSON.stringify(joiner)) } });
      expect(res.statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
