import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, click, elementsOf, posted } from './slack-driver.js';
import { dmEvent, postEvent, startSlackApp, type SlackHarness } from './slack-harness.js';

describe('"Open as form" on a question in a Slack DM', () => {
  let h: SlackHarness;
  beforeAll(async () => { h = await startSlackApp(); });
  afterAll(async () => { await h.close(); });

  it('When Nina opens the laptop form halfway through the questions, then the modal is that form with her answers so far', async () => {
    const dm = 'DUNINA';
    await postEvent(h.app, dmEvent('UNINA', 'I need a new laptop'));
    await h.settle();
    const first = posted(h.slack.calls, dm).at(-1)!;
    expect(await answer(h.app, 'UNINA', first, 'macbook-air-13')).not.toBe('typed');
    await h.settle();
    const second = posted(h.slack.calls, dm).at(-1)!;
    expect(elementsOf(second).map((e) => e.element.action_id?.replace(/#\d+$/, ''))).toContain('slack.form.open');

    const opensBefore = h.slack.of('views.open').length;
    expect(await click(h.app, 'UNINA', second, 'slack.form.open')).toBe(200);
    await h.settle();
    const opened = h.slack.of('views.open').slice(opensBefore);
    expect(opened).toHaveLength(1);
    const view = (opened[0]!.args as { view: { private_metadata: string; blocks: unknown[] } }).view;
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: dm, requestTypeId: 'laptop' });
    expect(JSON.stringify(view.blocks)).toContain('macbook-air-13');
  });
});
