import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laptopFields } from '../lifecycle/harness.js';
import { dmEvent, postEvent, postInteraction, startSlackApp, type SlackHarness } from '../slack/slack-harness.js';
import { getActivities, message, postActivity, secret, startApp, startConversation, type Conversation, type WebChatHarness } from '../webchat/webchat-harness.js';

/** What people have typed at chat bots to make them misbehave. */
const hostileTexts: Array<[string, string]> = [
  ['a broadcast mention', '<!channel> <!here> @everyone free laptops'],
  ['a forged Slack link', '<https://evil.example/login|Reset your password>'],
  ['a markdown link and image', '[Approve here](https://evil.example) ![](https://tracker.example/p.gif)'],
  ['raw HTML', '<img src=x onerror=alert(1)><script>alert(2)</script><a href="https://evil.example">x</a>'],
  ['template markers', '${7*7} {{constructor.constructor("return 1")()}} ${actions.approve} {fields.x}'],
  ['SQL', "'; DROP TABLE requests; -- \" OR 1=1 --"],
  ['control characters', 'laptop\u0000\u0007\u001b[31m please'],
  ['bidirectional overrides', 'I need \u202Egnp.exe\u202C a laptop'],
  ['only whitespace and zero-width', '\u200B\u200B  \u2060'],
  ['a long message at the limit', 'laptop '.repeat(570).slice(0, 3999)],
  ['emoji and other scripts', 'ich brauche 💻 ノートパソコン بسرعة'],
];

/** Text a person sees as a link or markup in Web Chat's markdown: none may come from user text. */
function looksLikeLiveMarkup(text: string): boolean {
  return /(^|[^\\])\[[^\]]*\]\(/.test(text) || /(^|[^\\])<(img|script|a)\b/i.test(text) || /(^|[^\\])!\[/.test(text);
}

/** Every `text` and fact `value` in a card, as Web Chat reads them. */
function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (!value || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  const own = [node.text, node.type === undefined ? node.value : undefined].filter((v): v is string => typeof v === 'string');
  return [...own, ...Object.values(node).flatMap(textsOf)];
}

function expectNoServerError(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
  expect(res.body, what).not.toMatch(/\n\s+at .+\.(ts|js):\d+/);
}

describe.each([
  ['embedded', {}],
  ['secure', { FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: secret }],
] as const)('Hostile input against the web chat and the API (%s mode)', (mode, env) => {
  let h: WebChatHarness;
  let chat: Conversation;
  let bearer: string;
  const ethan = 'ethan.brooks@example.com';

  beforeAll(async () => {
    h = await startApp({ ...env, TURNS_PER_MINUTE: '1000' });
    bearer = (await h.deps.tokens.create({ email: ethan, roles: ['requester'] }, { id: 'cli:test-operator', channel: 'cli' })).token;
    chat = mode === 'secure'
      ? (await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', headers: { authorization: `Bearer ${bearer}` }, payload: {} })).json() as Conversation
      : await startConversation(h.app);
  });
  afterAll(async () => { await h.close(); });

  it.each(hostileTexts)('When a person types %s, then they get an answer or a clear refusal, the server stays up, and nothing comes back as live markup', async (name, text) => {
    const before = (await getActivities(h.app, chat)).watermark;
    const res = await postActivity(h.app, chat, message(ethan, text));
    expectNoServerError(res, name);
    const after = await getActivities(h.app, chat, before);
    if (res.statusCode !== 200) {
      expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
      expect(after.activities).toEqual([]);
      return;
    }
    for (const activity of after.activities.filter((a) => a.from.role === 'bot')) {
      const texts = [String(activity.text ?? ''), ...textsOf(activity.attachments)];
      for (const t of texts) expect(looksLikeLiveMarkup(t), `${name}: ${t.slice(0, 200)}`).toBe(false);
    }
    expect((await h.app.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it.each([
    ['an empty body', ''],
    ['broken JSON', '{"type":'],
    ['a number for the text', JSON.stringify({ type: 'message', from: { id: ethan }, text: 42 })],
    ['an array for the sender', JSON.stringify({ type: 'message', from: [ethan], text: 'hi' })],
    ['deep nesting', `{"type":"message","from":{"id":"${ethan}"},"value":${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`],
    ['a prototype key', JSON.stringify({ type: 'message', from: { id: ethan }, text: 'hi', __proto__: { admin: true }, constructor: { prototype: { admin: true } } })],
  ])('When the web chat receives %s, then it is refused with a 4xx and nothing is stored', async (name, payload) => {
    const before = (await getActivities(h.app, chat)).watermark;
    const res = await h.app.inject({ method: 'POST', url: `/v3/directline/conversations/${chat.conversationId}/activities`, headers: { authorization: `Bearer ${chat.token}`, 'content-type': 'application/json' }, payload });
    expectNoServerError(res, name);
    expect(res.statusCode, name).toBeGreaterThanOrEqual(400);
    expect((await getActivities(h.app, chat, before)).activities).toEqual([]);
  });

  it.each(hostileTexts)('When %s is submitted as a request field over the API, then it is stored verbatim or refused, never a 500', async (name, text) => {
    const res = await h.app.inject({
      method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${bearer}` },
      payload: { requestTypeId: 'laptop', fields: { ...laptopFields, model: 'macbook-pro-16', reason: 'upgrade', justification: text } },
    });
    expectNoServerError(res, name);
    if (res.statusCode === 201) {
      const number = (res.json() as { number: string }).number;
      const read = await h.app.inject({ url: `/api/v1/requests/${number}`, headers: { authorization: `Bearer ${bearer}` } });
      expect(read.statusCode).toBe(200);
    } else {
      expect(res.statusCode).toBe(400);
    }
  });

  it.each([
    ['a watermark that is not a number', '?watermark=1%20OR%201=1'],
    ['a huge watermark', `?watermark=${'9'.repeat(40)}`],
  ])('When a poll carries %s, then it is refused with 400', async (_name, query) => {
    const res = await h.app.inject({ url: `/v3/directline/conversations/${chat.conversationId}/activities${query}`, headers: { authorization: `Bearer ${chat.token}` } });
    expect(res.statusCode).toBe(400);
  });
});

describe('Hostile input against Slack', () => {
  let s: SlackHarness;
  beforeAll(async () => { s = await startSlackApp(); });
  afterAll(async () => { await s.close(); });

  it.each(hostileTexts)('When a person DMs %s, then the bot answers without a broadcast, a forged link or a 5xx', async (name, text) => {
    const before = s.slack.calls.length;
    const res = await postEvent(s.app, dmEvent('USAM', text));
    expectNoServerError(res, name);
    await s.settle();
    for (const call of s.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update')) {
      const wire = JSON.stringify(call.args);
      expect(wire, name).not.toMatch(/<!(channel|here|everyone)>|<https:\/\/evil\.example\|/);
    }
  });
  it.each([
    ['a number where the user id belongs', { type: 'block_actions', user: { id: 42 }, actions: [{ action_id: 'approval.approve', value: 'x' }] }],
    ['deep nesting', JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`) as Record<string, unknown>],
    ['an unknown payload type', { type: 'something_new', user: { id: 'U1' } }],
  ])('When a signed interaction carries %s, then it gets a 4xx or an empty 200 at once, never a 5xx', async (name, payload) => {
    const started = performance.now();
    const res = await postInteraction(s.app, payload);
    expectNoServerError(res, name);
    expect(performance.now() - started, name).toBeLessThan(2500);
  });
});
