import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantThirtyDaysOfVpn } from '../support/vpn-grant.js';
import { click, elementsOf, posted, say, type PostedMessage } from './slack-driver.js';
import { startSlackApp, type SlackHarness } from './slack-harness.js';

/* The warning that time-bound access ends soon, in Slack: its Extend button over a signed interactivity request. */
const sam = 'sam.patel@example.com';

describe('Extend on the access warning in Slack', () => {
  let h: SlackHarness;
  // A 30-day grant is within the warning window as soon as it is given.
  beforeAll(async () => {
    h = await startSlackApp({ ACCESS_EXPIRY_WARN_DAYS: '31' });
  });
  afterAll(async () => {
    await h.close();
  });

  const samsVpnRequests = async () => h.deps.store.read.requests.listByRequester(sam, { requestTypeId: 'vpn', includeClosed: true });
  const textsSince = (count: number) =>
    posted(h.slack.calls, 'DUSAM')
      .slice(count)
      .map((m) => m.text)
      .join('\n');

  it('When Sam clicks Extend, then a VPN request for the same 30 days waits for his manager; a second click says it is asked already', async () => {
    expect(await say(h.app, 'USAM', 'hello')).toBe(200);
    await h.settle();
    const submitted = await grantThirtyDaysOfVpn(h.deps, sam, 'slack');
    expect((await h.deps.store.read.requests.findById(submitted.id))!.status).toBe('fulfilled');

    await h.deps.fulfilment.expireAccess();
    await h.settle();
    const warning = posted(h.slack.calls, 'DUSAM').find((m) => elementsOf(m).some((e) => e.element.action_id === 'access.extend')) as PostedMessage;
    expect(warning).toBeDefined();
    expect(warning.text).toContain(`Your access to vpn-users from ${submitted.number}`);
    expect(JSON.stringify(warning.blocks)).toContain('for 30 more days');

    let seen = posted(h.slack.calls, 'DUSAM').length;
    expect(await click(h.app, 'USAM', warning, 'access.extend')).toBe(200);
    await h.settle();
    const requests = await samsVpnRequests();
    expect(requests).toHaveLength(2);
    const extension = requests.find((r) => r.id !== submitted.id)!;
    expect(extension).toMatchObject({ status: 'awaiting_approval', channel: 'slack' });
    expect(extension.fields).toMatchObject({ duration: '30-days', device: 'company-laptop' });
    expect(textsSince(seen)).toContain(`I asked to extend your access to vpn-users (${submitted.number}) as REQ-${extension.number}.`);

    seen = posted(h.slack.calls, 'DUSAM').length;
    expect(await click(h.app, 'USAM', warning, 'access.extend')).toBe(200);
    await h.settle();
    expect(textsSince(seen)).toContain(`You asked to extend your access to vpn-users already: REQ-${extension.number} is awaiting approval.`);
    expect(await samsVpnRequests()).toHaveLength(2);
  });
});
