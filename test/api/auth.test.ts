import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth, principalOf, TokenService } from '../../src/auth/index.js';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import { installErrorHandler } from '../../src/http/error-handler.js';
import { type Store } from '../../src/store/store.js';
import { openStore } from '../../src/store/open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'frontdoor-auth-'));
let store: Store;
let tokens: TokenService;

async function appFor(mode: 'embedded' | 'secure'): Promise<FastifyInstance> {
  const directory = await loadFileDirectory('integrations/sample-directory/people.yaml');
  const auth = createAuth({ tokens, directory, mode });
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  app.get('/who', { preHandler: auth.authenticate }, async (request) => {
    const p = principalOf(request);
    return { email: p.person.email, roles: p.roles, via: p.via };
  });
  app.get('/audit', { preHandler: auth.requireRole('auditor') }, async () => ({ ok: true }));
  return app;
}

beforeAll(async () => {
  store = openStore(join(dir, 'auth.db'));
  tokens = new TokenService(store, await loadFileDirectory('integrations/sample-directory/people.yaml'));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('authentication', () => {
  it('When a valid token is presented, then the principal is its person with its roles', async () => {
    const app = await appFor('secure');
    const { token } = await tokens.create({ email: 'ethan.brooks@example.com', roles: ['requester', 'auditor'] }, { id: 'cli:test-operator', channel: 'cli' });
    const res = await app.inject({ url: '/who', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ email: 'ethan.brooks@example.com', roles: ['requester', 'auditor'], via: 'token' });
    expect((await app.inject({ url: '/audit', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });

  it('When no token or a wrong token is presented, then 401', async () => {
    const app = await appFor('secure');
    expect((await app.inject({ url: '/who' })).statusCode).toBe(401);
    const bad = await app.inject({ url: '/who', headers: { authorization: 'Bearer fd_not-a-real-token' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('When the token lacks the role, then 403', async () => {
    const app = await appFor('secure');
    const { token } = await tokens.create({ email: 'ethan.brooks@example.com', roles: ['requester'] }, { id: 'cli:test-operator', channel: 'cli' });
    const res = await app.inject({ url: '/audit', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('auditor');
  });

  it('When in secure mode, then the picked-person header is not trusted', async () => {
    const app = await appFor('secure');
    const res = await app.inject({ url: '/who', headers: { 'x-frontdoor-person': 'ethan.brooks@example.com' } });
    expect(res.statusCode).toBe(401);
  });

  it('When in embedded mode, then the picked person gets the roles their groups imply', async () => {
    const app = await appFor('embedded');
    const directory = await loadFileDirectory('integrations/sample-directory/people.yaml');
    const agent = (await directory.membersOf('service-desk')).find((p) => p.groups.some((g) => g.startsWith('team:')))!;
    const res = await app.inject({ url: '/who', headers: { 'x-frontdoor-person': agent.email } });
    expect(res.json()).toEqual({ email: agent.email, roles: ['requester', 'approver', 'agent', 'fulfiller'], via: 'embedded' });
    const plain = await app.inject({ url: '/who', headers: { 'x-frontdoor-person': 'ethan.brooks@example.com' } });
    expect(plain.json().roles).toEqual(['requester', 'approver']);
    const unknown = await app.inject({ url: '/who', headers: { 'x-frontdoor-person': 'nobody@example.com' } });
    expect(unknown.statusCode).toBe(401);
  });
});
