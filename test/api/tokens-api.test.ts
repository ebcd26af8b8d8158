import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../support/test-clock.js';
import { secret, startApp, type WebChatHarness } from '../webchat/webchat-harness.js';

const operator = { id: 'cli:test-operator', channel: 'cli' as const };
const admin = 'grace.holloway@example.com';
const nina = 'nina.petrova@example.com';

describe('API tokens for administrators', () => {
  let h: WebChatHarness;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock();
    h = await startApp({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: secret }, { clock });
  });
  afterEach(async () => { await h.close(); });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('When an administrator issues, lists and revokes a token, then the revoked token is refused at once and both changes name the administrator in the audit trail', async () => {
    const root = await h.deps.tokens.create({ email: admin, roles: ['admin'] }, operator);
    const issued = await h.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(root.token), payload: { email: nina, roles: ['requester'], expiresInDays: 30 } });
    expect(issued.statusCode).toBe(201);
    const { id, token, expiresAt } = issued.json() as { id: string; token: string; expiresAt: string };
    expect(Date.parse(expiresAt) - clock.now()).toBe(30 * 24 * 3600_000);

    expect((await h.app.inject({ url: '/api/v1/requests', headers: bearer(token) })).statusCode).toBe(200);
    const listed = (await h.app.inject({ url: '/api/v1/tokens', headers: bearer(root.token) })).json() as { tokens: Array<{ id: string; state: string; lastUsedAt: string | null; createdBy: string }> };
    expect(listed.tokens.find((t) => t.id === id)).toMatchObject({ state: 'active', createdBy: admin, lastUsedAt: expect.any(String) });
    expect(JSON.stringify(listed)).not.toContain(token);

    const revoked = await h.app.inject({ method: 'POST', url: `/api/v1/tokens/${id}/revoke`, headers: bearer(root.token) });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id, state: 'revoked' });
    expect((await h.app.inject({ url: '/api/v1/requests', headers: bearer(token) })).statusCode).toBe(401);

    const audit = await h.deps.store.read.audit.listForTarget('api-token', id);
    expect(audit.map((r) => [r.action, r.actorId, r.channel])).toEqual([['api-token.created', admin, 'api'], ['api-token.revoked', admin, 'api']]);
  });

  it('When someone without the admin role asks, then tokens are neither listed nor issued nor revoked', async () => {
    const plain = await h.deps.tokens.create({ email: nina, roles: ['requester', 'agent', 'auditor'] }, operator);
    expect((await h.app.inject({ url: '/api/v1/tokens', headers: bearer(plain.token) })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(plain.token), payload: { email: nina, roles: ['admin'] } })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/tokens/${plain.id}/revoke`, headers: bearer(plain.token) })).statusCode).toBe(403);
  });

  it('When a token has passed its expiry, then it is refused and listed as expired; by default tokens last 90 days', async () => {
    const root = await h.deps.tokens.create({ email: admin, roles: ['admin'] }, operator);
    const short = await h.deps.tokens.create({ email: nina, roles: ['requester'], expiresInDays: 1 }, operator);
    const standard = await h.deps.tokens.create({ email: nina, roles: ['requester'] }, operator);
    expect(Date.parse(standard.expiresAt) - clock.now()).toBe(90 * 24 * 3600_000);
    expect((await h.app.inject({ url: '/api/v1/requests', headers: bearer(short.token) })).statusCode).toBe(200);
    clock.advance(24 * 3600_000 + 1);
    expect((await h.app.inject({ url: '/api/v1/requests', headers: bearer(short.token) })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/api/v1/requests', headers: bearer(standard.token) })).statusCode).toBe(200);
    const listed = (await h.app.inject({ url: '/api/v1/tokens', headers: bearer(root.token) })).json() as { tokens: Array<{ id: string; state: string }> };
    expect(listed.tokens.find((t) => t.id === short.id)?.state).toBe('expired');
  });
});
