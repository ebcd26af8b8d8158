import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { TestClock } from '../support/test-clock.js';
import { approveAll, approvedVpn, bearer } from './vpn-over-api.js';

/* One click on the warning that time-bound access ends soon asks to keep it; approved again, the end moves. */
const dayMs = 86_400_000;
const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
const sam = 'sam.patel@example.com';
let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness({ ACCESS_EXPIRY_WARN_DAYS: '3' }, { clock });
});
afterAll(() => h.close());

interface Chat {
  conversationId: string;
  token: string;
}
type Activity = Record<string, unknown> & { id: string; from: { id: string; role?: string }; text?: string; attachments?: unknown[] };

/** Sam's web chat, over the Direct Line API the Web Chat client speaks. */
async function openChat(
  app: FastifyInstance,
  person: string,
): Promise<Chat & { send(activity: Record<string, unknown>): Promise<Activity[]>; all(): Promise<Activity[]> }> {
  const started = await app.inject({ method: 'POST', url: '/v3/directline/conversations', payload: { user: {} } });
  const chat = started.json() as Chat;
  let watermark = '';
  const read = async (from: string) => {
    const res = await app.inject({
      url: `/v3/directline/conversations/${chat.conversationId}/activities${from ? `?watermark=${from}` : ''}`,
      headers: { authorization: `Bearer ${chat.token}` },
    });
    return res.json() as { activities: Activity[]; watermark: string };
  };
  return {
    ...chat,
    async send(activity) {
      const res = await app.inject({
        method: 'POST',
        url: `/v3/directline/conversations/${chat.conversationId}/activities`,
        headers: { authorization: `Bearer ${chat.token}` },
        payload: {
          type: 'message',
          from: { id: person, role: 'user' },
          channelData: { clientActivityID: `c-${Math.random().toString(36).slice(2)}` },
          ...activity,
        },
      });
      expect(res.statusCode).toBe(200);
      const set = await read(watermark);
      watermark = set.watermark;
      return set.activities.filter((a) => a.from.role === 'bot');
    },
    async all() {
      return (await read('')).activities.filter((a) => a.from.role === 'bot');
    },
  };
}

/** Every Action.Submit data object on an activity's cards. */
function submits(activity: Activity): Array<Record<string, unknown> & { title?: string }> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Submit' && n.data) found.push({ ...(n.data as Record<string, unknown>), title: n.title });
      Object.values(n).forEach(walk);
    }
  };
  walk(activity.attachments);
  return found;
}

const deletes = () => h.identity.received.filter((r) => r.method === 'DELETE').length;
const groupAdds = () => h.identity.received.filter((r) => r.method !== 'DELETE' && r.method !== 'GET' && /\/groups\//.test(r.url)).length;
const saidText = (activities: Activity[]) => activities.map((a) => a.text ?? '').join('\n');

describe('Extending time-bound access with one click', () => {
  it('When Sam clicks Extend on the warning in the web chat, then an extension request is approved again, the end moves, and the access is removed only at the new end', async () => {
    const chat = await openChat(h.app, sam);
    await chat.send({ text: 'hello' });
    const original = await approvedVpn(h, sam, '30-days');
    expect(h.identity.groupMembers('vpn-users')).toContain(sam);
    const [grant] = await h.deps.store.read.accessGrants.listByRequest(original.id);
    const oldEnd = grant!.endsAt!;

    // Three days before the end: the warning arrives as a card with one button.
    clock.advance(27 * dayMs + 60_000);
    expect(await h.deps.fulfilment.expireAccess()).toBe(0);
    const warning = (await chat.all()).find((a) => submits(a).some((s) => s.action === 'access.extend'));
    expect(warning).toBeDefined();
    expect(JSON.stringify(warning!.attachments)).toContain(`Your access to vpn-users from ${original.number} (VPN and remote access) ends`);
    const [extend] = submits(warning!);
    expect(extend).toMatchObject({ title: 'Extend', action: 'access.extend', grantId: grant!.id, endsAt: new Date(oldEnd).toISOString() });
    const { title: _title, ...clicked } = extend!;

    // One click: a new VPN request with the same answers, waiting for the manager again.
    const answer = await chat.send({ value: clicked });
    const asked = /as (REQ-\d+)\./.exec(saidText(answer))?.[1];
    expect(asked, saidText(answer)).toBeDefined();
    const extension = (await h.deps.store.read.requests.findByNumber(Number(asked!.slice(4))))!;
    expect(extension).toMatchObject({ requestTypeId: 'vpn', requesterId: sam, status: 'awaiting_approval' });
    expect(extension.fields).toMatchObject({ device: 'company-laptop', duration: '30-days' });
    expect(await h.deps.store.read.accessGrants.findById(grant!.id)).toMatchObject({ extensionRequestId: extension.id, endsAt: oldEnd });

    // A second click says so and asks nothing more.
    const again = await chat.send({ value: clicked });
    expect(saidText(again)).toContain(`You asked to extend your access to vpn-users already: ${asked} is awaiting approval.`);
    expect((await h.deps.store.read.requests.listByRequester(sam, { requestTypeId: 'vpn', includeClosed: true })).length).toBe(2);

    // Approved: the end moves by the same 30 days, and the membership is not added again.
    const addsBefore = groupAdds();
    expect(addsBefore).toBeGreaterThan(0);
    await approveAll(h, extension.id);
    expect((await h.deps.store.read.requests.findById(extension.id))!.status).toBe('fulfilled');
    expect(groupAdds()).toBe(addsBefore);
    const extended = (await h.deps.store.read.accessGrants.findById(grant!.id))!;
    expect(extended).toMatchObject({ state: 'active', endsAt: oldEnd + 30 * dayMs, warnedAt: null });
    expect(await h.deps.store.read.accessGrants.listByRequest(extension.id)).toEqual([]);
    const trail = await h.deps.store.read.audit.listForTarget('access-grant', grant!.id);
    expect(trail.map((a) => a.action)).toEqual(['access-grant.recorded', 'access-grant.extension-asked', 'access-grant.extended']);
    // The original request's audit trail tells what became of the access it gave.
    const audited = await h.app.inject({ url: `/api/v1/audit/requests/${original.number}`, headers: await bearer(h, 'ravi.shah@example.com', ['auditor']) });
    expect((audited.json() as { entries: Array<{ action: string }> }).entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['access-grant.recorded', 'access-grant.extension-asked', 'access-grant.extended']),
    );

    // The old end passes: nothing is removed.
    const deletesBefore = deletes();
    clock.advance(3 * dayMs);
    expect(await h.deps.fulfilment.expireAccess()).toBe(0);
    expect(deletes()).toBe(deletesBefore);
    expect(h.identity.groupMembers('vpn-users')).toContain(sam);

    // The old warning's button now says what happened.
    expect(saidText(await chat.send({ value: clicked }))).toMatch(/Your access to vpn-users was extended already: it now ends /);

    // The new end passes: removed once.
    clock.advance(30 * dayMs);
    expect(await h.deps.fulfilment.expireAccess()).toBe(1);
    expect(deletes()).toBe(deletesBefore + 1);
    expect(h.identity.groupMembers('vpn-users')).not.toContain(sam);

    // After the end a click gets a clear answer and asks for nothing.
    const late = await chat.send({ value: { ...clicked, endsAt: new Date(oldEnd + 30 * dayMs).toISOString() } });
    expect(saidText(late)).toContain('Your access to vpn-users has already ended, so it cannot be extended. If you still need it, ask for it again.');
    expect((await h.deps.store.read.requests.listByRequester(sam, { requestTypeId: 'vpn', includeClosed: true })).length).toBe(2);
  });

  it("When someone else clicks a person's Extend button, then nothing is asked for", async () => {
    const [grant] = await h.deps.store.read.accessGrants.listByRequest(
      (await h.deps.store.read.requests.listByRequester(sam, { requestTypeId: 'vpn', includeClosed: true })).at(-1)!.id,
    );
    const other = await openChat(h.app, 'ethan.brooks@example.com');
    const answer = await other.send({ value: { action: 'access.extend', grantId: grant!.id } });
    expect(saidText(answer)).toContain('There is no such access of yours to extend');
    expect(await h.deps.store.read.requests.listByRequester('ethan.brooks@example.com', { includeClosed: true })).toEqual([]);
  });
});
