import { buildTestApp, type TestApp } from '../support/test-app.js';
import { freePort, startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';

export const sessionSecret = 'test-session-secret-0123456789-abcdefghij';
export const directLineSecret = 'test-directline-secret-0123456789';

export interface SignInHarness extends TestApp {
  origin: string;
  provider: TestOidcProvider;
}

/**
 * The real app listening on a local port, in secure mode, signing people in with a real
 * OpenID provider (oidc-provider) on another port.
 */
export async function startSignInApp(env: Record<string, string> = {}): Promise<SignInHarness> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider({ redirectUri: `${origin}/sign-in/callback` });
  let built: TestApp;
  try {
    built = await buildTestApp({
      name: 'sign-in',
      env: {
        FRONTDOOR_MODE: 'secure',
        DIRECTLINE_SECRET: directLineSecret,
        PUBLIC_URL: origin,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        SESSION_SECRET: sessionSecret,
        ...env,
      },
    });
    await built.app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await provider.close();
    throw error;
  }
  return {
    ...built,
    origin,
    provider,
    async close() {
      await built.close();
      await provider.close();
    },
  };
}
