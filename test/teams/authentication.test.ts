import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { FakeBotConnector } from '../support/fake-bot-connector.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { personalActivity, postActivity, tenantId, users } from './teams-harness.js';

const appId = '6f1c2b8e-0d3a-4c55-9a41-0b7e5d2c9f10';
const issuer = 'https://api.botframework.com';
const kid = 'test-signing-key';

/**
 * Bot Framework's OpenID metadata and signing keys (JWKS), served locally: the adapter's
 * ToBotFromChannelOpenIdMetadataUrl points here, and the tests sign tokens with the key.
 */
class LocalOpenIdServer {
  private app: FastifyInstance | undefined;
  url = '';
  constructor(private readonly jwk: Record<string, unknown>) {}

  async start(): Promise<void> {
    const app = Fastify({ logger: false });
    app.get('/v1/.well-known/openidconfiguration', async () => ({
      issuer,
      authorization_endpoint: `${this.url}/auth`,
      jwks_uri: `${this.url}/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    }));
    app.get('/keys', async () => ({ keys: [{ ...this.jwk, kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the OpenID server did not listen');
    this.url = `http://127.0.0.1:${address.port}`;
    this.app = app;
  }

  async stop(): Promise<void> {
    await this.app?.close();
  }
}

describe('Teams with an app id: every activity carries a Bot Framework token that holds', () => {
  let openId: LocalOpenIdServer;
  let connector: FakeBotConnector;
  let t: TestApp;
  let key: CryptoKey;
  let otherKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    openId = new LocalOpenIdServer(await exportJWK(pair.publicKey));
    await openId.start();
    connector = new FakeBotConnector(Object.values(users));
    await connector.start();
    t = await buildTestApp({
      name: 'teams-auth',
      env: {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: 'test-app-password',
        TEAMS_ALLOWED_TENANT_IDS: tenantId,
        ToBotFromChannelOpenIdMetadataUrl: `${openId.url}/v1/.well-known/openidconfiguration`,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await connector.stop();
    await openId.stop();
  });

  /** An install event: nothing to answer, so a valid token is all it takes to get 200. */
  const activity = () => personalActivity(connector, users.nina, { type: 'conversationUpdate', membersAdded: [{ id: users.nina.id }] });

  async function token(claims: JWTPayload, options: { signWith?: CryptoKey; expiresAt?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: connector.url, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(typeof claims.iss === 'string' ? claims.iss : issuer)
      .setAudience(typeof claims.aud === 'string' ? claims.aud : appId)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(options.expiresAt ?? now + 3600)
      .sign(options.signWith ?? key);
  }

  const post = (bearer?: string) => postActivity(t.app, activity(), bearer ? { authorization: `Bearer ${bearer}` } : {});

  it('When the token is good, then the activity is taken', async () => {
    expect((await post(await token({}))).statusCode).toBe(200);
  });

  it.each([
    ['no token', async () => undefined],
    ['a token for another bot (audience)', async () => token({ aud: 'another-app-id' })],
    ['a token from another issuer', async () => token({ iss: 'https://login.example.com' })],
    ['an expired token', async () => token({}, { expiresAt: Math.floor(Date.now() / 1000) - 3600 })],
    ['a token with a bad signature', async () => token({}, { signWith: otherKey })],
    ['a token for another serviceUrl', async () => token({ serviceurl: 'https://smba.example.net/other/' })],
    ['something that is not a token', async () => 'not-a-jwt'],
  ])('When an activity comes with %s, then it is refused with 401 and nothing is sent', async (_name, make) => {
    const before = connector.calls.length;
    const response = await post(await make());
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toMatch(/at .*\.js|stack/i);
    expect(connector.calls.length).toBe(before);
    // Nothing of it was kept either.
    expect(await t.deps.store.read.channelConversations.find('teams', 'nina.petrova@example.com')).toBeUndefined();
  });

  it('When Teams is switched on without an app id in secure mode, then the configuration is refused', () => {
    expect(() => loadConfig({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: 'x'.repeat(32), TEAMS_ENABLED: 'true' })).toThrow(
      /MicrosoftAppId: is required for Teams/,
    );
    expect(() => loadConfig({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: 'x'.repeat(32), MicrosoftAppId: appId, MicrosoftAppPassword: 'p' })).toThrow(
      /TEAMS_ALLOWED_TENANT_IDS/,
    );
    expect(() => loadConfig({ MicrosoftAppId: appId })).toThrow(/MicrosoftAppPassword/);
    expect(() => loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' })).toThrow(/MicrosoftAppTenantId/);
  });
});
