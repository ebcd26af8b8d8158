import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, click, elementsOf, posted, say, type PostedMessage } from './slack-driver.js';
import { dmEvent, postEvent, startSlackApp, type SlackHarness } from './slack-harness.js';

const hostile = 'Needed <!channel> <https://evil.example|click here> <@U123> for the weekly review';

describe('Slack: acks, unknown people, hostile text', () => {
  let h: SlackHarness;
  beforeAll(async () => { h = await startSlackApp({ SLACK_TRIAGE_CHANNEL: 'CTRIAGE' }); });
  afterAll(async () => { await h.close(); });

  it('When answering takes long, then Slack gets its 200 before the reply is posted', async () => {
    const release = h.slack.hold('chat.postMessage');
    const before = h.slack.of('chat.postMessage').length;
    const res = await postEvent(h.app, dmEvent('UGRACE', 'hello'));
    expect(res.statusCode).toBe(200);
    // The reply is still waiting on the Web API: the ack did not wait for it.
    expect(h.slack.of('chat.postMessage').length).toBe(before);
    release();
    await h.settle();
    expect(posted(h.slack.calls, 'DUGRACE')).toHaveLength(1);
  });

  it('When someone the directory does not know writes, then they get a clear message and nothing else happens', async () => {
    await say(h.app, 'UOUTSIDER', 'I need a new laptop');
    await h.settle();
    const replies = posted(h.slack.calls, 'DUOUTSIDER');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/can.t find you in the company directory/);
    expect(await h.deps.store.read.conversations.find('slack:DUOUTSIDER')).toBeUndefined();
  });

  it('When user text holds a broadcast, a link and a mention, then every message shows them escaped', async () => {
    const before = h.slack.calls.length;
    await say(h.app, 'USAM', 'I need read access to Jira');
    await h.settle();
    for (let step = 0; step < 8; step += 1) {
      const latest = posted(h.slack.calls.slice(before), 'DUSAM').at(-1)!;
      if (/REQ-\d+/.test(latest.text)) break;
      if (elementsOf(latest).some((e) => e.element.action_id === 'dialog.confirm')) await click(h.app, 'USAM', latest, 'dialog.confirm');
      else if (/until when/i.test(latest.text)) await say(h.app, 'USAM', 'skip');
      else if (/why do you need/i.test(latest.text)) await say(h.app, 'USAM', hostile);
      else await answer(h.app, 'USAM', latest, /level/i.test(latest.text) ? 'read' : 'jira');
      await h.settle();
    }
    const sent = h.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update');
    const wire = JSON.stringify(sent.map((c) => [c.args.text, c.args.blocks]));
    expect(wire).toContain('&lt;!channel&gt;');
    expect(wire).toContain('&lt;https://evil.example|click here&gt;');
    expect(wire).toContain('&lt;@U123&gt;');
    expect(wire).not.toContain('<!channel>');
    expect(wire).not.toContain('<https://evil.example');
    expect(wire).not.toContain('<@U123>');
    const summary: PostedMessage | undefined = posted(h.slack.calls.slice(before), 'DUSAM').find((m) => JSON.stringify(m.blocks).includes('weekly review'));
    expect(summary, 'the justification is shown back to Sam').toBeDefined();
    expect(posted(h.slack.calls.slice(before), 'DUDANA').some((m) => JSON.stringify(m.blocks).includes('&lt;!channel&gt;'))).toBe(true);
  });

  it('When Frontdoor is unsure what a message means, then the service desk sees it in the triage channel, escaped', async () => {
    await say(h.app, 'UGRACE', '<!here> blorp quux zzzt frobnicate');
    await h.settle();
    const triage = posted(h.slack.calls, 'CTRIAGE');
    expect(triage).toHaveLength(1);
    expect(JSON.stringify(triage[0]!.blocks)).toContain('&lt;!here&gt; blorp');
    expect(JSON.stringify(triage[0]!.blocks)).not.toContain('<!here>');
  });
});

describe('Slack: rate limits', () => {
  let h: SlackHarness;
  beforeAll(async () => { h = await startSlackApp({ SLACK_API_RETRIES: '1' }); });
  afterAll(async () => { await h.close(); });

  it('When Slack answers 429 with Retry-After, then the call is made again once and succeeds', async () => {
    h.slack.rateLimitNext('chat.postMessage', 1);
    await say(h.app, 'UGRACE', 'hello');
    await h.settle();
    const attempts = h.slack.calls.filter((c) => c.method.startsWith('chat.postMessage'));
    expect(attempts.map((c) => c.method)).toEqual(['chat.postMessage#429', 'chat.postMessage']);
    expect(posted(h.slack.calls, 'DUGRACE')).toHaveLength(1);
  });
});
