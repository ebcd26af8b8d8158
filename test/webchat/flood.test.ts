import { afterEach, describe, expect, it } from 'vitest';
import { purgeIdleWebChats } from '../../src/channels/webchat/webchat-retention.js';
import { getActivities, message, postActivity, startApp, startConversation, type WebChatHarness } from './webchat-harness.js';

const ann = 'ethan.brooks@example.com';

describe('The web chat cannot be used to flood memory or disk', () => {
  let h: WebChatHarness;
  afterEach(async () => { await h.close(); });

  async function storedCount(conversationId: string): Promise<number> {
    return h.deps.store.read.directline.countActivities(conversationId);
  }

  it('When a client posts typing or other non-message activities, then they are acknowledged and nothing is stored', async () => {
    h = await startApp();
    const c = await startConversation(h.app);
    for (const type of ['typing', 'event', 'conversationUpdate']) {
      const res = await postActivity(h.app, c, { type, from: { id: ann, role: 'user' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: expect.any(String) });
    }
    expect(await storedCount(c.conversationId)).toBe(0);
  });

  it('When Web Chat posts a message and a card submit exactly as it does, then both are taken', async () => {
    h = await startApp();
    const c = await startConversation(h.app);
    const common = { channelId: 'webchat', from: { id: ann, name: 'Ethan Brooks', role: 'user' }, locale: 'en-GB', localTimestamp: '2026-12-03T08:40:48.008Z', localTimezone: 'UTC', attachments: [] };
    const typed = await postActivity(h.app, c, {
      ...common, type: 'message', text: 'I need a new laptop', textFormat: 'plain', channelData: { attachmentSizes: [], clientActivityID: 'iikinfih35' },
      entities: [{ requiresBotState: true, supportsListening: true, supportsTts: true, type: 'ClientCapabilities' }],
    });
    expect(typed.statusCode).toBe(200);
    const submit = await postActivity(h.app, c, { ...common, type: 'message', channelData: { postBack: true, clientActivityID: 'gqv9oewk7wo' }, value: { action: 'dialog.answer', fieldId: 'model', answer: 'macbook-air-13' } });
    expect(submit.statusCode).toBe(200);
  });

  it.each([
    ['a field Web Chat never sends', { ...message(ann, 'hi'), payload: 'x'.repeat(10_000) }],
    ['an attachment', { ...message(ann, 'hi'), attachments: [{ contentType: 'image/png', contentUrl: 'data:,' }] }],
    ['extra channel data', { ...message(ann, 'hi'), channelData: { clientActivityID: 'c-1', blob: 'x'.repeat(1000) } }],
    ['a card submit with a long value', { type: 'message', from: { id: ann }, value: { action: 'dialog.answer', answer: 'x'.repeat(2001) } }],
    ['a card submit with too many values', { type: 'message', from: { id: ann }, value: Object.fromEntries([['action', 'dialog.answer'], ...Array.from({ length: 40 }, (_, i) => [`k${i}`, 'v'])]) }],
    ['a card submit with nested objects', { type: 'message', from: { id: ann }, value: { action: 'dialog.answer', answer: { deep: { deeper: 'x' } } } }],
  ])('When an activity carries %s, then it is refused with 400 and nothing is stored', async (_name, activity) => {
    h = await startApp();
    const c = await startConversation(h.app);
    const res = await postActivity(h.app, c, activity);
    expect(res.statusCode).toBe(400);
    expect(await storedCount(c.conversationId)).toBe(0);
  });

  it('When a body is larger than any chat message, then it is refused with 413 before it is read, and nothing is stored', async () => {
    h = await startApp();
    const c = await startConversation(h.app);
    const res = await postActivity(h.app, c, { ...message(ann, 'hi'), text: 'x'.repeat(40_000) });
    expect(res.statusCode).toBe(413);
    expect(await storedCount(c.conversationId)).toBe(0);
  });

  it('When many large activities wait, then each poll is capped in bytes and the watermark lets the client read the rest', async () => {
    h = await startApp();
    const c = await startConversation(h.app);
    const big = Array.from({ length: 60 }, (_, i) => ({ type: 'message', from: { id: 'frontdoor', role: 'bot' }, text: `${i} ${'y'.repeat(10_000)}` }));
    await h.deps.store.transaction((repos) => repos.directline.append(c.conversationId, big, Date.now()));
    const first = await getActivities(h.app, c);
    expect(first.activities.length).toBeGreaterThan(0);
    expect(first.activities.length).toBeLessThan(60);
    expect(JSON.stringify(first.activities).length).toBeLessThan(300 * 1024);
    let seen = first.activities.length;
    let watermark = first.watermark;
    for (let polls = 0; polls < 10 && seen < 60; polls++) {
      const next = await getActivities(h.app, c, watermark);
      seen += next.activities.length;
      watermark = next.watermark;
    }
    expect(seen).toBe(60);
  });

  it('When a conversation is full, then further messages are refused with 429 and a way out, and nothing more is stored', async () => {
    h = await startApp({ WEBCHAT_MAX_ACTIVITIES_PER_CONVERSATION: '10' });
    const c = await startConversation(h.app);
    let refused;
    for (let i = 0; i < 12 && !refused; i++) {
      const res = await postActivity(h.app, c, message(ann, `hello ${i}`));
      if (res.statusCode === 429) refused = res;
      else expect(res.statusCode).toBe(200);
    }
    expect(refused?.json()).toMatchObject({ error: 'throttled', message: expect.stringMatching(/Start a new chat/) });
    const count = await storedCount(c.conversationId);
    expect(count).toBeGreaterThanOrEqual(10);
    expect(count).toBeLessThanOrEqual(11);
  });

  it('When one person sends more messages in a minute than allowed, then the extra ones are answered with a request to slow down, unread', async () => {
    h = await startApp({ TURNS_PER_MINUTE: '3' });
    const c = await startConversation(h.app);
    for (let i = 0; i < 4; i++) expect((await postActivity(h.app, c, message(ann, `hello ${i}`))).statusCode).toBe(200);
    const bot = (await getActivities(h.app, c)).activities.filter((a) => a.from.role === 'bot');
    expect(JSON.stringify(bot.at(-1))).toContain('faster than I can answer');
    expect(bot.filter((a) => JSON.stringify(a).includes('faster than I can answer'))).toHaveLength(1);
    const state = await h.deps.store.read.conversations.find(`webchat:${c.conversationId}`);
    expect(JSON.stringify(state?.state)).not.toContain('hello 3');
  });

  it('When one person opens more chats in a day than allowed, then the next is refused', async () => {
    h = await startApp({ WEBCHAT_MAX_CONVERSATIONS_PER_PERSON_PER_DAY: '2' });
    const generate = () => h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', payload: { user: { id: ann } } });
    expect((await generate()).statusCode).toBe(200);
    expect((await generate()).statusCode).toBe(200);
    const third = await generate();
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ error: 'throttled' });
  });

  it('When conversations have not been used for the retention period, then they and their activities are deleted; recent ones stay', async () => {
    h = await startApp();
    const old = await startConversation(h.app);
    await postActivity(h.app, old, message(ann, 'hello'));
    const day = 24 * 3600_000;
    await h.deps.store.transaction((repos) => repos.directline.touchConversation(old.conversationId, { now: Date.now() - 31 * day }));
    const recent = await startConversation(h.app);
    await postActivity(h.app, recent, message(ann, 'hello'));
    expect(await purgeIdleWebChats(h.deps.store, Date.now(), 30)).toBe(1);
    expect(await h.deps.store.read.directline.findConversation(old.conversationId)).toBeUndefined();
    expect(await storedCount(old.conversationId)).toBe(0);
    expect(await storedCount(recent.conversationId)).toBeGreaterThan(0);
  });
});
