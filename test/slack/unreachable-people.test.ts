import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { say, posted } from './slack-driver.js';
import { startSlackApp, type SlackHarness } from './slack-harness.js';

const ravi = 'ravi.shah@example.com';

describe('People Slack does not know', () => {
  let h: SlackHarness;
  beforeEach(async () => { h = await startSlackApp(); });
  afterEach(async () => {
    delete h.slack.users.URAVI;
    await h.close();
  });

  it('When someone is neither in Slack nor in the web chat, then Slack is asked about them once, not on every flush, and once they write to the bot what waited arrives in order', async () => {
    await h.deps.notifier.notify(ravi, [{ kind: 'text', text: 'Your request REQ-1001 was approved' }]);
    await h.deps.notifier.notify(ravi, [{ kind: 'text', text: 'Your laptop is on its way' }]);
    for (let i = 0; i < 3; i += 1) await h.deps.notifier.flush();
    expect(h.slack.of('users.lookupByEmail').filter((c) => c.args.email === ravi)).toHaveLength(1);
    expect(await h.deps.store.read.outbox.forPerson(ravi)).toEqual([
      expect.objectContaining({ deliveredAt: null, attempts: 1 }),
      expect.objectContaining({ deliveredAt: null, attempts: 0 }),
    ]);

    // Ravi joins Slack and writes to the bot.
    h.slack.users.URAVI = ravi;
    expect(await say(h.app, 'URAVI', 'hello')).toBe(200);
    await h.settle();
    const texts = posted(h.slack.calls, 'DURAVI').map((m) => m.text);
    expect(texts.filter((t) => /REQ-1001 was approved|on its way/.test(t))).toEqual(['Your request REQ-1001 was approved', 'Your laptop is on its way']);
    expect((await h.deps.store.read.outbox.forPerson(ravi)).every((r) => r.deliveredAt !== null)).toBe(true);
  });
});
