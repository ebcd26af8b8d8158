import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackApp, type SlackHarness } from '../slack/slack-harness.js';
import { startApp, type WebChatHarness } from '../webchat/webchat-harness.js';

describe('the one list of channels', () => {
  let plain: WebChatHarness;
  let withSlack: SlackHarness;
  beforeAll(async () => {
    plain = await startApp();
    withSlack = await startSlackApp();
  });
  afterAll(async () => {
    await plain.close();
    await withSlack.close();
  });

  it('When Slack has no secrets, then the web chat is the only channel and /slack/events does not exist', async () => {
    expect(plain.deps.channels.map((c) => c.channel)).toEqual(['webchat']);
    expect(plain.deps.slack).toBeUndefined();
    expect((await plain.app.inject({ method: 'POST', url: '/slack/events', payload: {} })).statusCode).toBe(404);
  });

  it('When Slack has its secrets, then both channels are built, each serving its own routes', async () => {
    expect(withSlack.deps.channels.map((c) => c.channel)).toEqual(['webchat', 'slack']);
    expect(withSlack.deps.slack).toBe(withSlack.deps.channels[1]);
    // Unsigned: Slack's route exists and refuses it; the web chat's exists beside it.
    expect((await withSlack.app.inject({ method: 'POST', url: '/slack/events', payload: {} })).statusCode).toBe(401);
    expect((await withSlack.app.inject({ method: 'POST', url: '/v3/directline/conversations', payload: {} })).statusCode).toBe(201);
  });

  it('When a channel is listed, then it offers the whole contract; forms only where the channel has a form view', () => {
    for (const channel of withSlack.deps.channels) {
      expect(typeof channel.routes).toBe('function');
      expect(typeof channel.deliver).toBe('function');
      expect(typeof channel.applyCardChange).toBe('function');
      for (const operation of ['send', 'update', 'delete']) expect(typeof (channel.messages as unknown as Record<string, unknown>)[operation]).toBe('function');
    }
    expect(withSlack.deps.channels.map((c) => [c.channel, c.forms !== undefined])).toEqual([['webchat', false], ['slack', true]]);
  });

  it('When Slack opens a form through the contract, then views.open gets the request type\'s modal with the answers prefilled', async () => {
    const nina = (await withSlack.deps.directory.findByEmail('nina.petrova@example.com'))!;
    await withSlack.deps.slack!.forms!.open('trigger-123', nina, { requestTypeId: 'laptop', values: { 'delivery-location': 'Berlin office' } });
    const opened = withSlack.slack.of('views.open').at(-1)!.args as { trigger_id: string; view: { private_metadata: string; blocks: unknown[] } };
    expect(opened.trigger_id).toBe('trigger-123');
    expect(JSON.parse(opened.view.private_metadata)).toEqual({ requestTypeId: 'laptop' });
    expect(JSON.stringify(opened.view.blocks)).toContain('Berlin office');
  });
});
