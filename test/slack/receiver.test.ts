import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmEvent, postCommand, postEvent, sign, startSlackApp, type SlackHarness } from './slack-harness.js';

describe('The Slack Request URL', () => {
  let h: SlackHarness;
  beforeAll(async () => { h = await startSlackApp(); });
  afterAll(async () => { await h.close(); });

  it('When Slack verifies the URL, then the challenge is echoed', async () => {
    const res = await postEvent(h.app, { type: 'url_verification', token: 'x', challenge: 'c-123' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ challenge: 'c-123' });
  });

  it('When Slack checks SSL on the command URL, then it gets 200 and nothing runs', async () => {
    const res = await postCommand(h.app, { ssl_check: '1', token: 'x' });
    expect(res.statusCode).toBe(200);
  });

  it('When the signature is made with another secret, then 401 and nothing is done', async () => {
    const before = h.slack.calls.length;
    const res = await postEvent(h.app, dmEvent('UNINA', 'I need a laptop'), { secret: 'not-the-secret' });
    expect(res.statusCode).toBe(401);
    await h.settle();
    expect(h.slack.calls.length).toBe(before);
  });

  it('When the request is signed more than 5 minutes ago, then 401', async () => {
    const res = await postEvent(h.app, dmEvent('UNINA', 'hello'), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.statusCode).toBe(401);
  });

  it('When the signature header is missing or the body was altered, then 401', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'x' });
    const ts = Math.floor(Date.now() / 1000);
    const missing = await h.app.inject({ method: 'POST', url: '/slack/events', payload: body, headers: { 'content-type': 'application/json' } });
    expect(missing.statusCode).toBe(401);
    const altered = await h.app.inject({
      method: 'POST', url: '/slack/events', payload: body.replace('"x"', '"y"'),
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts) },
    });
    expect(altered.statusCode).toBe(401);
  });

  it('When the same event is delivered twice, then it is handled once', async () => {
    const event = dmEvent('UNINA', 'hello');
    const first = await postEvent(h.app, event);
    const again = await postEvent(h.app, event);
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    await h.settle();
    expect(h.slack.of('chat.postMessage').filter((c) => c.args.channel === 'DUNINA')).toHaveLength(1);
  });

  it('When Slack retries an event (X-Slack-Retry-Num), then the retry is acknowledged and not handled again', async () => {
    const event = dmEvent('UNINA', 'hi there');
    const before = h.slack.of('chat.postMessage').length;
    await postEvent(h.app, event);
    const retry = await postEvent(h.app, event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.statusCode).toBe(200);
    await h.settle();
    expect(h.slack.of('chat.postMessage').length - before).toBe(1);
    const again = await h.deps.store.transaction((repos) => repos.channelReceipts.accept({ channel: 'slack', receiptId: String(event.event_id), body: event, owner: 'another replica', now: Date.now(), leaseMs: 1000 }));
    expect(again).toBe(false);
  });

  it('When the REST API is called next to Slack, then it still parses JSON', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v3/directline/conversations', payload: { user: {} } });
    expect(res.statusCode).toBe(201);
  });
});

describe('Slack events acked by a replica that died', () => {
  let h: SlackHarness;
  beforeAll(async () => { h = await startSlackApp({ REPLICA_LEASE_MS: '1000' }); });
  afterAll(async () => { await h.close(); });

  it('When another replica acked an event and stopped before answering it, then this replica takes it over, answers it once and drops Slack\'s later retries', async () => {
    const event = dmEvent('UNINA', 'I need a new laptop');
    const before = h.slack.of('chat.postMessage').filter((c) => c.args.channel === 'DUNINA').length;
    // What the other replica did before it died: stored the event and acked it.
    const stored = await h.deps.store.transaction((repos) => repos.channelReceipts.accept({ channel: 'slack', receiptId: String(event.event_id), body: event, owner: 'a replica that died', now: Date.now() - 5_000, leaseMs: 1000 }));
    expect(stored).toBe(true);
    const answered = () => h.slack.of('chat.postMessage').filter((c) => c.args.channel === 'DUNINA').length - before;
    const giveUp = Date.now() + 10_000;
    while (answered() === 0 && Date.now() < giveUp) await new Promise((resolve) => setTimeout(resolve, 50));
    await h.settle();
    const answer = h.slack.of('chat.postMessage').filter((c) => c.args.channel === 'DUNINA').slice(before);
    expect(answer.length).toBeGreaterThan(0);
    expect(new Set(answer.map((c) => JSON.stringify(c.args.blocks ?? c.args.text))).size, 'no message posted twice').toBe(answer.length);
    expect(JSON.stringify(answer.map((c) => c.args))).toMatch(/laptop/i);

    const retry = await postEvent(h.app, event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await h.settle();
    expect(answered()).toBe(answer.length);
  });
});
