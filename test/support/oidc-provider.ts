import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { loadFileDirectory } from '../../src/directory/file-directory.js';

/** Someone the provider signs in who is not in Frontdoor's directory. */
export const outsider = 'outsider@example.org';

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (the npm package oidc-provider) on a random local port, with one
 * confidential client registered for `redirectUri` and an account for everyone in the
 * sample directory (subject and email are the person's email), plus an outsider. Its
 * development login and consent pages are what people (or tests) go through.
 */
export async function startOidcProvider(options: { redirectUri: string; directoryFile?: string }): Promise<TestOidcProvider> {
  const directory = await loadFileDirectory(options.directoryFile ?? 'integrations/sample-directory/people.yaml');
  const names = new Map((await directory.list()).map((p) => [p.email, p.name]));
  names.set(outsider, 'Olivia Outsider');

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'frontdoor';
  const clientSecret = 'frontdoor-test-client-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['oidc-provider-test-cookie-key-0123456789'] },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    async findAccount(_ctx, sub) {
      const name = names.get(sub);
      if (!name) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: sub, email_verified: true, name }) };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A free local port for an app whose redirect URL the provider must know before it listens. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
