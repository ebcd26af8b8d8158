import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { TestClock } from '../support/test-clock.js';
import { anotherReplica } from './another-replica.js';
import { approvedVpn, bearer } from './vpn-over-api.js';

const dayMs = 86_400_000;
const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness({ ACCESS_EXPIRY_WARN_DAYS: '3' }, { clock });
});
afterAll(() => h.close());

const toldText = async (email: string) => (await h.deps.store.read.outbox.forPerson(email)).map((row) => JSON.stringify(row.payload));

describe('time-bound access', () => {
  it('When a 30-day VPN request is fulfilled and the 30 days pass, then the person is warned before, removed from the group after, told, and the removal is audited', async () => {
    const sam = 'sam.patel@example.com';
    const { number, id } = await approvedVpn(h, sam, '30-days');
    const status = await h.app.inject({ url: `/api/v1/requests/${number}`, headers: await bearer(h, sam, ['requester']) });
    expect(status.json().status).toBe('fulfilled');
    expect(h.identity.groupMembers('vpn-users')).toContain(sam);

    // Nothing ends yet, and nobody is warned a month ahead.
    expect(await h.deps.fulfilment.expireAccess()).toBe(0);
    expect((await toldText(sam)).filter((t) => t.includes('ends'))).toHaveLength(0);

    clock.advance(28 * dayMs);
    expect(await h.deps.fulfilment.expireAccess()).toBe(0);
    expect(h.identity.groupMembers('vpn-users')).toContain(sam);
    const warnings = (await toldText(sam)).filter((t) => t.includes('Your access to vpn-users') && t.includes(number) && t.includes('ends'));
    expect(warnings).toHaveLength(1);
    // A second run the same day warns no one twice.
    await h.deps.fulfilment.expireAccess();
    expect((await toldText(sam)).filter((t) => t.includes('Your access to vpn-users') && t.includes('ends'))).toHaveLength(1);

    clock.advance(2 * dayMs + 60_000);
    expect(await h.deps.fulfilment.expireAccess()).toBe(1);
    expect(h.identity.groupMembers('vpn-users')).not.toContain(sam);
    const removal = h.identity.received.filter((r) => r.method === 'DELETE');
    expect(removal).toHaveLength(1);
    expect(removal[0]).toMatchObject({
      url: expect.stringMatching(/^\/api\/v1\/groups\/00g\w+\/users\/00u\w+$/),
      idempotencyKey: `${id}:add-to-vpn-group:revoke`,
    });
    expect((await toldText(sam)).filter((t) => t.includes('has ended and has been removed') && t.includes(number))).toHaveLength(1);
    const [grant] = await h.deps.store.read.accessGrants.listByRequest(id);
    expect(grant).toMatchObject({ state: 'removed', groupName: 'vpn-users' });
    const trail = await h.deps.store.read.audit.listForTarget('access-grant', grant!.id);
    expect(trail.map((a) => a.action)).toEqual(['access-grant.recorded', 'access-grant.removed']);

    // Removed once: a later run calls nothing.
    expect(await h.deps.fulfilment.expireAccess()).toBe(0);
    expect(h.identity.received.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('When the VPN is asked for permanently, then the access has no end and is never removed', async () => {
    const jordan = 'jordan.rivera@example.com';
    const { id } = await approvedVpn(h, jordan, 'permanent');
    expect(h.identity.groupMembers('vpn-users')).toContain(jordan);
    const [grant] = await h.deps.store.read.accessGrants.listByRequest(id);
    expect(grant).toMatchObject({ state: 'active', endsAt: null });
    clock.advance(400 * dayMs);
    await h.deps.fulfilment.expireAccess();
    expect(h.identity.groupMembers('vpn-users')).toContain(jordan);
  });

  it('When the identity system fails while removing, then the removal is tried again at the next run', async () => {
    const maya = 'maya.fischer@example.com';
    const { id } = await approvedVpn(h, maya, '90-days');
    clock.advance(91 * dayMs);
    h.identity.failWhen(/^DELETE \/api\/v1\/groups\//, 503, 'Service unavailable');
    expect(await h.deps.fulfilment.expireAccess()).toBe(0);
    expect(h.identity.groupMembers('vpn-users')).toContain(maya);
    expect((await h.deps.store.read.accessGrants.listByRequest(id))[0]).toMatchObject({ state: 'active', attempts: 1 });
    expect(await h.deps.fulfilment.expireAccess()).toBe(1);
    expect(h.identity.groupMembers('vpn-users')).not.toContain(maya);
  });

  it('When two replicas run the job at the same time, then each ended grant is removed by one of them, once', async () => {
    const people = ['alex.kim@example.com', 'oliver.grant@example.com'];
    for (const person of people) await approvedVpn(h, person, '30-days');
    clock.advance(31 * dayMs);
    const deletes = () => h.identity.received.filter((r) => r.method === 'DELETE').length;
    const before = deletes();
    const held = h.identity.holdNext(/^DELETE /);
    const other = anotherReplica(h.deps, { now: () => clock.now() });
    const first = h.deps.fulfilment.expireAccess();
    await held.arrived;
    const second = await other.expireAccess();
    held.release();
    const firstRemoved = await first;
    expect(second + firstRemoved).toBe(2);
    expect(second).toBe(1);
    expect(deletes() - before).toBe(2);
    for (const person of people) expect(h.identity.groupMembers('vpn-users')).not.toContain(person);
  });
});
