import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../support/fake-bot-connector.js';
import { otherTenantId, personalActivity, personalChatOf, postActivity, say, startTeamsApp, textOf, users, type TeamsHarness } from './teams-harness.js';

describe('Personal chat in Teams: who is talking, and each activity once', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsApp();
  });
  afterAll(async () => {
    await h.close();
  });

  it("When Nina asks for the status of her requests, then the answer reaches her chat through the activity's serviceUrl and her UPN is looked up once", async () => {
    const chat = personalChatOf(users.nina);
    const first = await say(h, users.nina, 'my requests');
    expect(first.statusCode).toBe(200);
    const replies = h.connector.posted(chat);
    expect(replies.length).toBeGreaterThan(0);
    // A reply to her message, in her conversation.
    expect(replies[0]!.activityId).toBeDefined();
    expect(textOf(replies)).toMatch(/request/i);

    await say(h, users.nina, 'help');
    const lookups = h.connector.calls.filter((c) => c.method === 'GET' && c.activityId === users.nina.id);
    expect(lookups).toHaveLength(1);
    const cached = await h.deps.store.read.channelIdentities.find('teams', users.nina.aadObjectId);
    expect(cached?.personId).toBe('nina.petrova@example.com');
    // The chat is kept for proactive messages.
    expect(await h.deps.store.read.channelConversations.find('teams', 'nina.petrova@example.com')).toMatchObject({
      reference: { conversationId: chat, serviceUrl: h.connector.url },
    });
  });

  it('When Teams redelivers an activity, then it is answered once', async () => {
    const chat = personalChatOf(users.sam);
    const activity = personalActivity(h.connector, users.sam, { text: 'help' });
    expect((await postActivity(h.app, activity)).statusCode).toBe(200);
    const answered = h.connector.posted(chat).length;
    expect(answered).toBeGreaterThan(0);
    expect((await postActivity(h.app, activity)).statusCode).toBe(200);
    expect(h.connector.posted(chat)).toHaveLength(answered);
  });

  it('When someone the directory does not know, or a guest, writes, then they get one clear answer and nothing else', async () => {
    for (const user of [users.outsider, users.guest]) {
      await say(h, user, 'I need a new laptop');
      const replies = h.connector.posted(personalChatOf(user));
      expect(replies).toHaveLength(1);
      expect(textOf(replies)).toMatch(/can't find you in the company directory/);
    }
    const guestCache = await h.deps.store.read.channelIdentities.find('teams', users.guest.aadObjectId);
    expect(guestCache?.personId).toBeNull();
  });

  it('When an activity comes from a tenant that is not allowed, then it is refused and nothing is sent', async () => {
    const before = h.connector.calls.length;
    const activity = personalActivity(h.connector, { ...users.nina, tenantId: otherTenantId }, { text: 'I need a new laptop' });
    const response = await postActivity(h.app, activity);
    expect(response.statusCode).toBe(403);
    expect(h.connector.calls.length).toBe(before);
  });

  it('When the body is not an activity, then it is refused with 400', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/api/messages', payload: '[1,2]', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(400);
    const noService = await postActivity(h.app, { ...personalActivity(h.connector, users.nina, { text: 'hi' }), serviceUrl: 'not a url' });
    expect(noService.statusCode).toBe(400);
  });

  it('When a message waits for someone Frontdoor cannot reach yet, then installing the app brings it to their personal chat', async () => {
    const grace = 'grace.holloway@example.com';
    await h.deps.notifier.notify(grace, [{ kind: 'text', text: 'REQ-999 was fulfilled.' }]);
    await h.deps.notifier.flush();
    expect(h.connector.posted(personalChatOf(users.grace))).toEqual([]);

    const installed = await postActivity(h.app, personalActivity(h.connector, users.grace, { type: 'installationUpdate', action: 'add' }));
    expect(installed.statusCode).toBe(200);
    await h.deps.notifier.flush();
    const text = textOf(h.connector.posted(personalChatOf(users.grace)));
    expect(text).toMatch(/I’m Frontdoor/);
    expect(text).toMatch(/REQ-999 was fulfilled/);
    // Sent to the conversation (proactive), not as a reply to anything.
    expect(h.connector.posted(personalChatOf(users.grace)).find((c) => shownText(c).includes('REQ-999'))?.activityId).toBeUndefined();
  });
});

function shownText(call: ConnectorCall): string {
  return typeof call.body?.text === 'string' ? call.body.text : '';
}

describe('An activity whose replica died before answering it', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsApp({ REPLICA_LEASE_MS: '1000' });
  });
  afterAll(async () => {
    await h.close();
  });

  it("When its lease runs out, then another replica answers it in the person's chat, once", async () => {
    const activity = personalActivity(h.connector, users.dana, { text: 'my requests' });
    const receiptId = `${personalChatOf(users.dana)}|${String(activity.id)}`;
    // Taken (stored before the turn) by a replica that is gone.
    await h.deps.store.transaction((repos) =>
      repos.channelReceipts.accept({ channel: 'teams', receiptId, body: activity, owner: 'a-replica-that-died', now: Date.now() - 5000, leaseMs: 1000 }),
    );
    for (let i = 0; i < 50 && h.connector.posted(personalChatOf(users.dana)).length === 0; i += 1) await new Promise((r) => setTimeout(r, 100));
    const answered = h.connector.posted(personalChatOf(users.dana));
    expect(answered.length).toBeGreaterThan(0);
    expect(answered[0]!.activityId).toBeUndefined();
    // Teams' own redelivery of it now is a repeat.
    expect((await postActivity(h.app, activity)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.connector.posted(personalChatOf(users.dana))).toHaveLength(answered.length);
  });
});
