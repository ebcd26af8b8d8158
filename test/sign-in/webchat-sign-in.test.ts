import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser } from '../support/http-browser.js';
import { startSignInApp, type SignInHarness } from './sign-in-harness.js';

const nina = 'nina.petrova@example.com';

describe('The web chat in secure mode signs people in first', () => {
  let h: SignInHarness;
  beforeAll(async () => {
    h = await startSignInApp({ SESSION_HOURS: '0.5' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const generate = (browser: HttpBrowser, headers: Record<string, string> = {}) =>
    browser.request(`${h.origin}/v3/directline/tokens/generate`, { json: {}, headers });

  it('When nobody is signed in, then the chat page sends them to sign in and no Direct Line token is issued', async () => {
    const browser = new HttpBrowser();
    const page = await browser.request(`${h.origin}/chat`);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?returnTo=%2Fchat');
    expect((await generate(browser)).status).toBe(401);
    expect((await browser.request(`${h.origin}/sign-in/session`)).status).toBe(401);
  });

  it('When the person has signed in, then the page opens and its script gets a Direct Line token for that person, and the chat is theirs', async () => {
    const browser = new HttpBrowser();
    const landed = await browser.signIn(`${h.origin}/chat`, nina);
    expect(landed.url).toBe(`${h.origin}/chat`);
    expect(landed.res.status).toBe(200);
    expect(landed.text).toContain('data-mode="sign-in"');

    // The session alone is not enough: a page elsewhere could make the browser send the cookie.
    const withoutCsrf = await generate(browser);
    expect(withoutCsrf.status).toBe(403);

    const session = (await (await browser.request(`${h.origin}/sign-in/session`)).json()) as { person: { email: string }; csrfToken: string; roles: string[] };
    expect(session.person.email).toBe(nina);
    expect(session.roles).toEqual(expect.arrayContaining(['requester', 'approver']));
    const issued = await generate(browser, { 'x-csrf-token': session.csrfToken });
    expect(issued.status).toBe(200);
    const conversation = (await issued.json()) as { conversationId: string; token: string };
    // The chat ends with the sign-in at the latest (SESSION_HOURS=0.5 here, web chat tokens 12 hours).
    const claims = JSON.parse(Buffer.from(conversation.token.split('.')[0]!, 'base64url').toString('utf8')) as { max: number; sub: string };
    expect(claims.sub).toBe(nina);
    expect(claims.max * 1000).toBeLessThanOrEqual(Date.now() + 30 * 60_000);

    // The token is the person's: the message is theirs whatever from.id claims.
    const auth = { authorization: `Bearer ${conversation.token}` };
    const sent = await fetch(`${h.origin}/v3/directline/conversations/${conversation.conversationId}/activities`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'marcus.chen@example.com' }, text: 'hello' }),
    });
    expect(sent.status).toBe(200);
    const { activities } = (await (
      await fetch(`${h.origin}/v3/directline/conversations/${conversation.conversationId}/activities`, { headers: auth })
    ).json()) as { activities: Array<{ from: { id: string; role?: string }; text?: string }> };
    // The person's own message, among the welcome and the answers.
    const mine = activities.filter((a) => a.from.role === 'user');
    expect(mine.map((a) => [a.from.id, a.text])).toEqual([[nina, 'hello']]);
    expect((await h.deps.store.read.directline.findConversation(conversation.conversationId))?.personId).toBe(nina);
  });

  it('When an API token is presented, then it still issues web chat tokens as before', async () => {
    const api = await h.deps.tokens.create({ email: nina, roles: ['requester'] }, { id: 'cli:test-operator', channel: 'cli' });
    const res = await new HttpBrowser().request(`${h.origin}/v3/directline/tokens/generate`, { json: {}, headers: { authorization: `Bearer ${api.token}` } });
    expect(res.status).toBe(200);
  });
});
