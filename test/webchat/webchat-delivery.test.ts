import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebChatDelivery } from '../../src/channels/webchat/webchat-delivery.js';
import { getActivities, message, postActivity, startApp, startConversation, type Conversation, type WebChatHarness } from './webchat-harness.js';

const nina = 'nina.petrova@example.com';

describe('Proactive delivery through the web chat', () => {
  let h: WebChatHarness;
  beforeEach(async () => { h = await startApp(); });
  afterEach(async () => { await h.close(); });

  it('When the person has never used the web chat, then delivery reports it cannot reach them', async () => {
    const delivery = new WebChatDelivery(h.deps.store);
    expect(await delivery.deliver(nina, [{ kind: 'text', text: 'Your request was approved' }])).toBe(false);
  });

  it('When the person has talked in two conversations, then the message lands in the latest one as a bot activity', async () => {
    let clock = Date.now();
    const older = await startConversation(h.app);
    const newer = await startConversation(h.app);
    await postActivity(h.app, older, message(nina, 'first'));
    await postActivity(h.app, newer, message(nina, 'second'));
    const before = await getActivities(h.app, newer);
    // Make the order explicit: the newer conversation was used (read) last.
    await h.deps.store.transaction((repos) => repos.directline.touchConversation(newer.conversationId, { now: (clock += 60_000) }));

    const delivery = new WebChatDelivery(h.deps.store, () => clock);
    const delivered = await delivery.deliver(nina, [{
      kind: 'approval', approvalId: 'ap-1', requestNumber: 'REQ-1001', title: 'New laptop', requester: 'Sam Ortiz',
      summary: [{ label: 'Model', value: 'Pro 14' }], cost: '$1,800', risk: 'low', reason: 'You are Sam\'s manager',
    }]);
    expect(delivered).toBe(true);

    const after = await getActivities(h.app, newer, before.watermark);
    expect(after.activities).toHaveLength(1);
    expect(after.activities[0]).toMatchObject({ from: { role: 'bot' }, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    expect(JSON.stringify(after.activities[0])).toContain('REQ-1001');
    const olderSet = await getActivities(h.app, older);
    expect(JSON.stringify(olderSet)).not.toContain('REQ-1001');
  });

  it('When a message was queued while the person had no web chat, then it arrives as soon as they open one', async () => {
    await h.deps.notifier.notify(nina, [{ kind: 'text', text: 'REQ-1001 was approved by Marcus Chen' }]);
    const res = await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', payload: { user: { id: nina } } });
    expect(res.statusCode).toBe(200);
    const opened = res.json() as Conversation;
    const set = await getActivities(h.app, opened);
    // What waited comes first, then the welcome.
    expect(set.activities).toEqual([
      expect.objectContaining({ from: expect.objectContaining({ role: 'bot' }), text: 'REQ-1001 was approved by Marcus Chen' }),
      expect.objectContaining({ channelData: { welcome: true } }),
    ]);

    const again = await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', payload: { user: { id: nina } } });
    expect(await getActivities(h.app, again.json() as Conversation)).toMatchObject({ activities: [expect.objectContaining({ channelData: { welcome: true } })] });
  });
});
