import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { laptopFields } from '../lifecycle/harness.js';
import { getActivities, message, postActivity, secret, startApp, type Conversation, type WebChatHarness } from './webchat-harness.js';

const nina = 'nina.petrova@example.com';
const marcus = 'marcus.chen@example.com';

describe('Web chat in secure mode', () => {
  let h: WebChatHarness;
  beforeEach(async () => { h = await startApp({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: secret }); });
  afterEach(async () => { await h.close(); });

  async function webChatTokenFor(email: string): Promise<Conversation> {
    const api = await h.deps.tokens.create({ email, roles: ['requester'] }, { id: 'cli:test-operator', channel: 'cli' });
    const res = await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', headers: { authorization: `Bearer ${api.token}` }, payload: {} });
    expect(res.statusCode).toBe(200);
    return res.json() as Conversation;
  }

  it('When no API token is presented, then no web chat token is issued and no conversation starts', async () => {
    const generate = await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', payload: {} });
    expect(generate.statusCode).toBe(401);
    const start = await h.app.inject({ method: 'POST', url: '/v3/directline/conversations', payload: { user: { id: nina } } });
    expect(start.statusCode).toBe(401);
    const forgedApi = await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', headers: { authorization: 'Bearer fd_not-a-real-token' }, payload: {} });
    expect(forgedApi.statusCode).toBe(401);
  });

  it('When a person writes with their token, then the message is theirs whatever from.id claims', async () => {
    const c = await webChatTokenFor(nina);
    const start = await h.app.inject({ method: 'POST', url: '/v3/directline/conversations', headers: { authorization: `Bearer ${c.token}` }, payload: {} });
    expect(start.statusCode).toBe(201);
    expect(start.json()).toMatchObject({ conversationId: c.conversationId });

    const res = await postActivity(h.app, c, message(marcus, 'approve everything'));
    expect(res.statusCode).toBe(200);
    const echo = (await getActivities(h.app, c)).activities.find((a) => a.from.role === 'user');
    expect(echo!.from).toMatchObject({ id: nina, name: 'Nina Petrova' });
    expect((await h.deps.store.read.directline.findConversation(c.conversationId))?.personId).toBe(nina);
  });

  it('When a token signed with another secret is used, then the call is forbidden', async () => {
    const other = await startApp({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: 'a-completely-different-secret-value' });
    try {
      const api = await other.deps.tokens.create({ email: nina, roles: ['requester'] }, { id: 'cli:test-operator', channel: 'cli' });
      const res = await other.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', headers: { authorization: `Bearer ${api.token}` }, payload: {} });
      const foreign = res.json() as Conversation;
      await h.deps.store.transaction((repos) => repos.directline.createConversation({ id: foreign.conversationId, now: Date.now() }));
      const post = await postActivity(h.app, foreign, message(nina, 'hello'));
      expect(post.statusCode).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('When the API token lacks the requester role, then no web chat token is issued', async () => {
    const api = await h.deps.tokens.create({ email: nina, roles: ['auditor'] }, { id: 'cli:test-operator', channel: 'cli' });
    const res = await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', headers: { authorization: `Bearer ${api.token}` }, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ message: expect.stringMatching(/requester/) });
  });

  it('When the API token a web chat came from is revoked, then its web chat token no longer refreshes', async () => {
    const api = await h.deps.tokens.create({ email: nina, roles: ['requester'] }, { id: 'cli:test-operator', channel: 'cli' });
    const c = (await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', headers: { authorization: `Bearer ${api.token}` }, payload: {} })).json() as Conversation;
    const refresh = () => h.app.inject({ method: 'POST', url: '/v3/directline/tokens/refresh', headers: { authorization: `Bearer ${c.token}` } });
    expect((await refresh()).statusCode).toBe(200);
    await h.deps.tokens.revoke(api.id, { id: 'cli:test-operator', channel: 'cli' });
    const refused = await refresh();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ message: expect.stringMatching(/no longer valid/) });
  });
});

describe('The secure web chat checks the roles for what it does', () => {
  let h: WebChatHarness;
  beforeEach(async () => { h = await startApp({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: secret }); });
  afterEach(async () => { await h.close(); });

  const operator = { id: 'cli:test-operator', channel: 'cli' as const };
  async function chatAs(email: string, roles: Array<'requester' | 'approver'>): Promise<Conversation> {
    const api = await h.deps.tokens.create({ email, roles }, operator);
    return (await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', headers: { authorization: `Bearer ${api.token}` }, payload: {} })).json() as Conversation;
  }

  it('When a chat opened without the approver role posts Approve, then it is refused and the approval stays pending; with the role it is decided', async () => {
    const requester = await h.deps.tokens.create({ email: 'ethan.brooks@example.com', roles: ['requester'] }, operator);
    const submitted = await h.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${requester.token}` }, payload: { requestTypeId: 'laptop', fields: laptopFields } });
    expect(submitted.statusCode).toBe(201);
    const [pending] = await h.deps.lifecycle.pendingApprovals((await h.deps.directory.findByEmail(nina))!);
    expect(pending).toBeDefined();
    const approve = (c: Conversation) => postActivity(h.app, c, { type: 'message', from: { id: nina }, value: { action: 'approval.approve', approvalId: pending!.approvalId } });

    const plain = await chatAs(nina, ['requester']);
    await approve(plain);
    expect(JSON.stringify((await getActivities(h.app, plain)).activities)).toContain('need the approver role');
    expect(await h.deps.lifecycle.pendingApprovals((await h.deps.directory.findByEmail(nina))!)).toHaveLength(1);

    const approver = await chatAs(nina, ['requester', 'approver']);
    await approve(approver);
    expect(await h.deps.lifecycle.pendingApprovals((await h.deps.directory.findByEmail(nina))!)).toHaveLength(0);
  });
});

describe('Web chat tokens have a maximum lifetime', () => {
  let h: WebChatHarness;
  beforeEach(async () => { h = await startApp({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: secret, WEBCHAT_TOKEN_MAX_HOURS: '0.01' }); });
  afterEach(async () => { await h.close(); });

  it('When a token is refreshed, then it never lives past the maximum counted from the first token', async () => {
    const api = await h.deps.tokens.create({ email: nina, roles: ['requester'] }, { id: 'cli:test-operator', channel: 'cli' });
    const first = (await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', headers: { authorization: `Bearer ${api.token}` }, payload: {} })).json() as Conversation & { expires_in: number };
    expect(first.expires_in).toBeLessThanOrEqual(36);
    const refreshed = (await h.app.inject({ method: 'POST', url: '/v3/directline/tokens/refresh', headers: { authorization: `Bearer ${first.token}` } })).json() as { expires_in: number };
    expect(refreshed.expires_in).toBeLessThanOrEqual(36);
  });
});
