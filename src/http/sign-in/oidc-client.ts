import * as oidc from 'openid-client';
import { isLoopbackHost } from '../../config/loopback.js';

/** What a sign-in started with, kept in the session until the provider sends the person back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  redirectUrl: string;
  scopes: string;
}

/** The claims of a completed sign-in: the ID token's, then the userinfo endpoint's for what it lacked. */
export type SignInClaims = Record<string, unknown>;

/**
 * The organisation's OpenID provider through openid-client: authorization code with PKCE
 * (S256), state and nonce. The provider's metadata is discovered on first use and kept; a
 * provider that was down is asked again on the next sign-in.
 */
export class OidcClient {
  private configuration?: Promise<oidc.Configuration>;

  constructor(private readonly settings: OidcSettings) {}

  /** Where to send the person, and what to keep until they come back. */
  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const configuration = await this.discovered();
    const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /**
   * Redeems the code of the callback (its query string) against what the sign-in started with;
   * throws when the state, the nonce, the PKCE verifier or the ID token does not check out.
   */
  async finish(callbackQuery: string, pending: PendingSignIn): Promise<SignInClaims> {
    const configuration = await this.discovered();
    const callback = new URL(this.settings.redirectUrl);
    callback.search = callbackQuery;
    const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('The provider returned no ID token');
    let userInfo: Record<string, unknown> = {};
    if (tokens.access_token && configuration.serverMetadata().userinfo_endpoint) {
      userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub).catch(() => ({}));
    }
    return { ...userInfo, ...idClaims };
  }

  private discovered(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    // Plain http only for a provider on this machine (development, tests); configuration refuses it elsewhere.
    const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
    const authentication = this.settings.clientSecret ? oidc.ClientSecretPost(this.settings.clientSecret) : oidc.None();
    return oidc.discovery(issuer, this.settings.clientId, undefined, authentication, {
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      timeout: 10,
    });
  }
}
