import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { secret, startApp, type WebChatHarness } from '../webchat/webchat-harness.js';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  return '';
}

const person = 'ethan.brooks@example.com';

describe('No accidental demo mode', () => {
  it('When NODE_ENV=production and no mode is set, then the secure mode applies (and asks for its secret)', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toMatch(/DIRECTLINE_SECRET: is required when FRONTDOOR_MODE=secure/);
    expect(problemsOf({ NODE_ENV: 'production' })).toMatch(/FIELD_ENCRYPTION_KEY: is required when FRONTDOOR_MODE=secure/);
    expect(loadConfig({ NODE_ENV: 'production', DIRECTLINE_SECRET: secret, FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }).FRONTDOOR_MODE).toBe('secure');
  });

  it('When the embedded mode is asked for in production, on the network or with a real identity system, then start is refused with the reason', () => {
    expect(problemsOf({ NODE_ENV: 'production', FRONTDOOR_MODE: 'embedded' })).toMatch(/^FRONTDOOR_MODE: embedded .* refused with NODE_ENV=production/m);
    expect(problemsOf({ FRONTDOOR_MODE: 'embedded', HOST: '0.0.0.0' })).toMatch(/^HOST: the embedded mode listens on loopback only/m);
    expect(problemsOf({ FRONTDOOR_MODE: 'embedded', HOST: '10.1.2.3' })).toMatch(/^HOST: /m);
    expect(problemsOf({ IDENTITY_API_URL: 'https://example.okta.com/api/v1', IDENTITY_API_TOKEN: 'x' })).toMatch(/^IDENTITY_API_URL: a real identity system is refused/m);
  });

  it('When the embedded mode stays on this machine, or the network is allowed on purpose, then it starts', () => {
    for (const HOST of ['127.0.0.1', '::1', 'localhost']) expect(problemsOf({ HOST })).toBe('');
    expect(problemsOf({ HOST: '0.0.0.0', FRONTDOOR_ALLOW_EMBEDDED_ON_NETWORK: 'true' })).toBe('');
    expect(problemsOf({ IDENTITY_API_URL: 'http://127.0.0.1:4010/api/v1', IDENTITY_API_TOKEN: 'x' })).toBe('');
  });
});

describe('The embedded mode on the wire', () => {
  let h: WebChatHarness | undefined;
  afterEach(async () => { await h?.close(); h = undefined; });

  it('When a request names another host (DNS rebinding), then it is refused; loopback names are served', async () => {
    h = await startApp();
    const rebound = await h.app.inject({ url: '/api/v1/catalog', headers: { host: 'attacker.example:3000', 'x-frontdoor-person': person } });
    expect(rebound.statusCode).toBe(403);
    expect(rebound.json()).toMatchObject({ error: 'forbidden' });
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000']) {
      const res = await h.app.inject({ url: '/api/v1/catalog', headers: { host, 'x-frontdoor-person': person } });
      expect(res.statusCode, host).toBe(200);
    }
  });

  it('When the embedded mode starts, then a loud warning says what it trusts', async () => {
    h = await startApp();
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const app = await buildApp(h.deps, { logger: { level: 'warn', stream } });
    await app.ready();
    expect(lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.level === 40)?.msg).toMatch(/FRONTDOOR_MODE=embedded: anyone who reaches this server can act as anyone/);
    // The app shares the harness's deps, which the harness closes.
    await app.server.close();
  });

  it('When the secure mode runs, then any Host is served and /docs is off; the embedded mode serves /docs', async () => {
    h = await startApp({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: secret });
    expect((await h.app.inject({ url: '/health', headers: { host: 'frontdoor.example.com' } })).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/docs/json' })).statusCode).toBe(404);
    await h.close();
    h = await startApp();
    expect((await h.app.inject({ url: '/docs/json' })).statusCode).toBe(200);
  });
});

describe('Headers, caching and rate limits', () => {
  let h: WebChatHarness | undefined;
  afterEach(async () => { await h?.close(); h = undefined; });

  it('When anything is answered, then security headers are set, and personal data is never cached', async () => {
    h = await startApp();
    const health = await h.app.inject({ url: '/health' });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(health.headers['x-frame-options']).toBe('SAMEORIGIN');
    const requests = await h.app.inject({ url: '/api/v1/requests', headers: { 'x-frontdoor-person': person } });
    expect(requests.statusCode).toBe(200);
    expect(requests.headers['cache-control']).toBe('no-store');
    const page = await h.app.inject({ url: '/' });
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('When one person sends more than the limit, then they get 429 with a reason and someone else is still served', async () => {
    h = await startApp({ RATE_LIMIT_PER_MINUTE: '3' });
    const call = (who: string) => h!.app.inject({ url: '/api/v1/requests', headers: { 'x-frontdoor-person': who } });
    for (let i = 0; i < 3; i += 1) expect((await call(person)).statusCode).toBe(200);
    const refused = await call(person);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'throttled', message: expect.stringMatching(/Too many requests/) });
    expect((await call('sofia.rossi@example.com')).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('When web chat conversations are started too fast from one address, then issuing stops there, whatever X-Forwarded-For claims', async () => {
    h = await startApp({ TOKEN_RATE_LIMIT_PER_MINUTE: '2' });
    const start = (forwarded: string) => h!.app.inject({ method: 'POST', url: '/v3/directline/conversations', headers: { 'x-forwarded-for': forwarded }, payload: { user: {} } });
    expect((await start('203.0.113.1')).statusCode).toBe(201);
    expect((await start('203.0.113.2')).statusCode).toBe(201);
    expect((await start('203.0.113.3')).statusCode).toBe(429);
  });
});
