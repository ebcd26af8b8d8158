import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getActivities, message, postActivity, startApp, startConversation, type ActivitySet, type WebChatHarness } from './webchat-harness.js';

const ann = 'nina.petrova@example.com';

/** The fields the bot's question cards ask for (their Submit data carries the field id). */
function askedFields(activities: ActivitySet['activities']): string[] {
  const fields: string[] = [];
  for (const a of activities) {
    const cards = (a.attachments as Array<{ content: unknown }> | undefined) ?? [];
    for (const card of cards) {
      const submit = JSON.stringify(card.content).match(/"action":"dialog\.answer","fieldId":"([^"]+)"/);
      if (submit) fields.push(submit[1]!);
    }
  }
  return [...new Set(fields)];
}

describe('Direct Line endpoint of the web chat', () => {
  let h: WebChatHarness;
  beforeEach(async () => { h = await startApp(); });
  afterEach(async () => { await h.close(); });

  it('When a conversation starts, then it has an id and a token and no activities yet', async () => {
    const c = await startConversation(h.app);
    expect(c.conversationId).toMatch(/\S+/);
    expect(c.token).toMatch(/\S+/);
    const set = await getActivities(h.app, c);
    expect(set.activities).toEqual([]);
    expect(set.watermark).toBe('0');
  });

  it('When a person asks for a laptop, then their own activity comes back first, followed by the bot asking which device', async () => {
    const c = await startConversation(h.app);
    const res = await postActivity(h.app, c, message(ann, 'I need a new laptop', 'client-1'));
    expect(res.statusCode).toBe(200);
    const { id } = res.json() as { id: string };

    const set = await getActivities(h.app, c);
    const [echo, ...replies] = set.activities;
    expect(echo).toMatchObject({ id, type: 'message', text: 'I need a new laptop', from: { id: ann, name: 'Nina Petrova', role: 'user' }, channelData: { clientActivityID: 'client-1' }, conversation: { id: c.conversationId } });
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(reply).toMatchObject({ type: 'message', from: { id: 'frontdoor', name: 'Frontdoor', role: 'bot' }, replyToId: id });
    expect(askedFields(replies)).toEqual(['model']);
  });

  it('When polling with a watermark, then only newer activities come and the watermark grows', async () => {
    const c = await startConversation(h.app);
    await postActivity(h.app, c, message(ann, 'hello'));
    const first = await getActivities(h.app, c, '');
    expect(first.activities.length).toBeGreaterThanOrEqual(2);

    const nothingNew = await getActivities(h.app, c, first.watermark);
    expect(nothingNew.activities).toEqual([]);
    expect(nothingNew.watermark).toBe(first.watermark);

    await postActivity(h.app, c, message(ann, 'second message'));
    const second = await getActivities(h.app, c, first.watermark);
    expect(second.activities[0]).toMatchObject({ text: 'second message' });
    expect(second.activities.map((a) => a.id)).not.toContain(first.activities[0]!.id);
    expect(Number(second.watermark)).toBeGreaterThan(Number(first.watermark));
  });

  it('When a question card is submitted, then the engine takes it as the answer and asks the next question', async () => {
    const c = await startConversation(h.app);
    await postActivity(h.app, c, message(ann, 'I need a new laptop'));
    const asked = await getActivities(h.app, c);
    expect(askedFields(asked.activities)).toEqual(['model']);

    const submit = { type: 'message', from: { id: ann }, value: { action: 'dialog.answer', fieldId: 'model', answer: 'macbook-air-13' } };
    const res = await postActivity(h.app, c, submit);
    expect(res.statusCode).toBe(200);
    const next = await getActivities(h.app, c, asked.watermark);
    const echo = next.activities.find((a) => a.from.role === 'user');
    // The click shows as the person's own words: the title of the option picked.
    expect(echo).toMatchObject({ value: submit.value, text: expect.stringMatching(/MacBook Air/i) });
    expect(echo!.channelData).not.toHaveProperty('postBack');
    const fields = askedFields(next.activities);
    expect(fields.length).toBe(1);
    expect(fields).not.toContain('model');
  });

  it.each([
    ['no from', { type: 'message', text: 'hi' }],
    ['no type', { from: { id: ann }, text: 'hi' }],
    ['an empty message', { type: 'message', from: { id: ann }, text: '   ' }],
    ['a submit without an action', { type: 'message', from: { id: ann }, value: { answer: 'x' } }],
    ['a submit naming an unknown action', { type: 'message', from: { id: ann }, value: { action: 'drop.tables' } }],
    ['a submit that is not an object', { type: 'message', from: { id: ann }, value: 'approve' }],
    ['text far too long', { type: 'message', from: { id: ann }, text: 'x'.repeat(5000) }],
  ])('When the activity has %s, then it is refused with 400 and a reason, and nothing is stored', async (_name, activity) => {
    const c = await startConversation(h.app);
    const res = await postActivity(h.app, c, activity);
    expect(res.statusCode).toBe(400);
    expect((res.json() as { message: string }).message).toMatch(/\w/);
    expect((await getActivities(h.app, c)).activities).toEqual([]);
  });

  it('When the body is not JSON, then it is refused with 400', async () => {
    const c = await startConversation(h.app);
    const res = await h.app.inject({
      method: 'POST', url: `/v3/directline/conversations/${c.conversationId}/activities`,
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, payload: '{"type":',
    });
    expect(res.statusCode).toBe(400);
  });

  it('When someone not in the directory writes, then the bot says so and nothing else happens', async () => {
    const c = await startConversation(h.app);
    await postActivity(h.app, c, message('mallory@evil.example', 'I need admin rights'));
    const set = await getActivities(h.app, c);
    expect(set.activities).toHaveLength(2);
    expect(set.activities[1]!.text).toMatch(/mallory@evil\.example.*not in the directory/);
    const conversation = await h.deps.store.read.directline.findConversation(c.conversationId);
    expect(conversation?.personId).toBeNull();
  });

  it('When the token is for another conversation, then reading and posting are forbidden', async () => {
    const mine = await startConversation(h.app);
    const theirs = await startConversation(h.app);
    await postActivity(h.app, theirs, message(ann, 'private'));

    const post = await postActivity(h.app, theirs, message(ann, 'sneaky'), mine.token);
    expect(post.statusCode).toBe(403);
    const read = await h.app.inject({
      method: 'GET', url: `/v3/directline/conversations/${theirs.conversationId}/activities`, headers: { authorization: `Bearer ${mine.token}` },
    });
    expect(read.statusCode).toBe(403);
    expect((await getActivities(h.app, theirs)).activities.map((a) => a.text)).not.toContain('sneaky');
  });

  it('When there is no token or a forged one, then the call is refused', async () => {
    const c = await startConversation(h.app);
    const none = await h.app.inject({ method: 'GET', url: `/v3/directline/conversations/${c.conversationId}/activities` });
    expect(none.statusCode).toBe(401);
    const [body] = c.token.split('.');
    const forged = await postActivity(h.app, c, message(ann, 'hi'), `${body}.AAAA`);
    expect(forged.statusCode).toBe(403);
  });

  it('When a token is generated first, then starting the conversation opens that same conversation', async () => {
    const gen = await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', payload: {} });
    expect(gen.statusCode).toBe(200);
    const issued = gen.json() as { conversationId: string; token: string; expires_in: number };
    expect(issued.expires_in).toBeGreaterThan(0);
    const start = await h.app.inject({ method: 'POST', url: '/v3/directline/conversations', headers: { authorization: `Bearer ${issued.token}` }, payload: { user: { id: ann } } });
    expect(start.statusCode).toBe(201);
    expect(start.json()).toMatchObject({ conversationId: issued.conversationId });

    const refreshed = await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/refresh', headers: { authorization: `Bearer ${issued.token}` } });
    expect(refreshed.statusCode).toBe(200);
    const again = refreshed.json() as { token: string };
    await postActivity(h.app, { conversationId: issued.conversationId, token: again.token }, message(ann, 'after refresh'));
    expect((await getActivities(h.app, issued)).activities[0]).toMatchObject({ text: 'after refresh' });
  });

  it('When the watermark is not a number, then it is refused with 400', async () => {
    const c = await startConversation(h.app);
    const res = await h.app.inject({ method: 'GET', url: `/v3/directline/conversations/${c.conversationId}/activities?watermark=abc`, headers: { authorization: `Bearer ${c.token}` } });
    expect(res.statusCode).toBe(400);
  });
});

describe('Direct Line endpoint when the engine fails', () => {
  let h: WebChatHarness;
  beforeEach(async () => { h = await startApp({}, { failEngine: new Error('engine failure with internal detail /etc/secret') }); });
  afterEach(async () => { await h.close(); });

  it('When the engine throws, then the person gets a kind message without internal detail', async () => {
    const c = await startConversation(h.app);
    const res = await postActivity(h.app, c, message(ann, 'I need a new laptop'));
    expect(res.statusCode).toBe(200);
    const reply = (await getActivities(h.app, c)).activities[1]!;
    expect(reply.text).toMatch(/something went wrong/i);
    expect(reply.text).not.toMatch(/etc\/secret/);
  });
});
