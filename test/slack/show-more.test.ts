import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockAction, buttonValues, current, elementsOf, posted } from './slack-driver.js';
import { dmEvent, postEvent, postInteraction, startSlackApp, type SlackHarness } from './slack-harness.js';

/** Sam has more open requests than one message or one App Home page shows. */
describe('Long lists in Slack', () => {
  let h: SlackHarness;
  const numbers: string[] = [];
  beforeAll(async () => {
    h = await startSlackApp();
    const sam = (await h.deps.directory.findByEmail('sam.patel@example.com'))!;
    for (let i = 0; i < 45; i += 1) {
      const fields = { model: 'keyboard-mouse', reason: 'additional', 'delivery-location': `Desk ${i + 1}` };
      numbers.push((await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: sam, channel: 'api', fields })).number);
    }
    await h.settle();
  }, 120_000);
  afterAll(async () => { await h.close(); });

  const showMoreOf = (message: ReturnType<typeof posted>[number]) => elementsOf(message).find((e) => e.element.action_id === 'slack.more');

  it('When Sam asks for his requests, then "Show more" replaces the message with the next page', async () => {
    await postEvent(h.app, dmEvent('USAM', 'my requests'));
    await h.settle();
    // Newest first: the first page ends before the five oldest.
    const status = posted(h.slack.calls, 'DUSAM').find((m) => m.blocks.some((b) => JSON.stringify(b).includes(numbers[44]!)))!;
    expect(JSON.stringify(status.blocks)).not.toContain(`${numbers[0]}*`);
    const more = showMoreOf(status)!;
    expect(buttonValues(more.element)).toEqual({ list: 'status', page: 2 });

    await postInteraction(h.app, blockAction('USAM', status, more.block, more.element));
    await h.settle();
    const shown = JSON.stringify(current(h.slack.calls, status).blocks);
    for (const n of numbers.slice(0, 5)) expect(shown).toContain(n);
    expect(shown).not.toContain(`${numbers[44]}*`);
    expect(showMoreOf(current(h.slack.calls, status))).toBeUndefined();
  });

  it('When Sam pages his App Home, then the next requests are published there', async () => {
    await postEvent(h.app, { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvHomeMore', event_time: 1, event: { type: 'app_home_opened', user: 'USAM', channel: 'DUSAM', tab: 'home' } });
    await h.settle();
    const home = h.slack.of('views.publish').filter((c) => c.args.user_id === 'USAM').at(-1)!;
    const view = home.args.view as { blocks: Array<Record<string, unknown>> };
    const page1 = { channel: 'DUSAM', ts: '0', text: '', blocks: view.blocks as never };
    const more = showMoreOf(page1)!;
    const payload = { ...blockAction('USAM', page1, more.block, more.element), container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home' } };
    delete (payload as Record<string, unknown>).channel;
    delete (payload as Record<string, unknown>).message;
    const publishedBefore = h.slack.of('views.publish').length;
    await postInteraction(h.app, payload);
    await h.settle();
    const next = JSON.stringify(h.slack.of('views.publish').slice(publishedBefore).find((c) => c.args.user_id === 'USAM')?.args.view ?? null);
    expect(next).toContain(`${numbers[0]}*`);
    expect(next).not.toContain(`${numbers[44]}*`);
  });
});
