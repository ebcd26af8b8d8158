import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantThirtyDaysOfVpn } from '../support/vpn-grant.js';
import { actionsOf, cardOf, personalChatOf, say, startTeamsApp, submit, textOf, users, type TeamsHarness } from './teams-harness.js';

/* The warning that time-bound access ends soon, in Teams: Extend is an Action.Submit that comes back as a message with `value`. */
const sam = 'sam.patel@example.com';

describe('Extend on the access warning in Teams', () => {
  let h: TeamsHarness;
  // A 30-day grant is within the warning window as soon as it is given.
  beforeAll(async () => {
    h = await startTeamsApp({ ACCESS_EXPIRY_WARN_DAYS: '31' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('When Sam submits Extend on the card in his personal chat, then a VPN request for the same duration waits for approval', async () => {
    expect((await say(h, users.sam, 'hello')).statusCode).toBe(200);
    const submitted = await grantThirtyDaysOfVpn(h.deps, sam, 'teams');
    await h.deps.fulfilment.expireAccess();
    await h.settle();

    const chat = personalChatOf(users.sam);
    const warning = h.connector
      .posted(chat)
      .find((c) => actionsOf(cardOf(c.body ?? {})).some((a) => (a.data as Record<string, unknown> | undefined)?.action === 'access.extend'));
    expect(warning).toBeDefined();
    const extend = actionsOf(cardOf(warning!.body ?? {})).find((a) => a.title === 'Extend')!;
    expect(extend.type).toBe('Action.Submit');

    const before = h.connector.posted(chat).length;
    expect((await submit(h, users.sam, warning!, extend.data as Record<string, unknown>)).statusCode).toBe(200);
    await h.settle();
    const extension = (await h.deps.store.read.requests.listByRequester(sam, { requestTypeId: 'vpn', includeClosed: true })).find((r) => r.id !== submitted.id);
    expect(extension).toMatchObject({ status: 'awaiting_approval', channel: 'teams', fields: expect.objectContaining({ duration: '30-days' }) });
    expect(textOf(h.connector.posted(chat).slice(before))).toContain(
      `I asked to extend your access to vpn-users (${submitted.number}) as REQ-${extension!.number}.`,
    );
  });
});
