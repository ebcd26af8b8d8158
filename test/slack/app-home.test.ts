import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { current, elementsOf, posted } from './slack-driver.js';
import { postEvent, startSlackApp, type SlackHarness } from './slack-harness.js';

describe('App Home and decisions made outside Slack', () => {
  let h: SlackHarness;
  let number: string;
  beforeAll(async () => {
    h = await startSlackApp();
    const nina = (await h.deps.directory.findByEmail('nina.petrova@example.com'))!;
    number = (await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: nina, channel: 'api', fields: { model: 'macbook-air-13', reason: 'additional', 'delivery-location': 'London office' } })).number;
    await h.settle();
  });
  afterAll(async () => { await h.close(); });

  const homeOf = (user: string) => JSON.stringify(h.slack.of('views.publish').filter((c) => c.args.user_id === user).at(-1)?.args.view ?? null);

  it('When an approval card reaches Marcus, then his App Home lists it with its buttons', () => {
    expect(homeOf('UMARCUS')).toContain(number);
    expect(homeOf('UMARCUS')).toContain('approval.approve');
  });

  it('When Nina opens App Home, then it shows her open request and who it waits on', async () => {
    const res = await postEvent(h.app, { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvHome1', event_time: 1, event: { type: 'app_home_opened', user: 'UNINA', channel: 'DUNINA', tab: 'home' } });
    expect(res.statusCode).toBe(200);
    await h.settle();
    expect(homeOf('UNINA')).toContain(number);
    expect(homeOf('UNINA')).toContain('Marcus Chen');
  });

  it('When Marcus approves through the API, then his Slack card shows it and both homes are republished', async () => {
    const card = posted(h.slack.calls, 'DUMARCUS').find((m) => m.text.includes(number))!;
    const publishedBefore = h.slack.of('views.publish').length;
    const marcus = (await h.deps.directory.findByEmail('marcus.chen@example.com'))!;
    const { approvalId } = (await h.deps.lifecycle.pendingApprovals(marcus)).find((a) => a.requestNumber === number)!;
    await h.deps.lifecycle.decide({ approvalId, actor: marcus, decision: 'approve', channel: 'api' });
    await h.settle();

    const shown = current(h.slack.calls, card);
    expect(elementsOf(shown)).toEqual([]);
    expect(shown.text).toMatch(/approved/i);
    const republished = h.slack.of('views.publish').slice(publishedBefore).map((c) => c.args.user_id);
    expect(republished).toContain('UNINA');
    expect(homeOf('UMARCUS')).not.toContain('approval.approve');
  });
});
