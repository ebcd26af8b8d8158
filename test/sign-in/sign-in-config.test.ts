import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

const signIn = {
  OIDC_ISSUER: 'https://login.example.com/tenant/v2.0',
  OIDC_CLIENT_ID: 'frontdoor',
  PUBLIC_URL: 'https://frontdoor.example.com',
  SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
};

describe('Sign-in configuration', () => {
  it('When the issuer, client, address and session secret are set, then sign-in is configured with its defaults', () => {
    const config = loadConfig(signIn);
    expect(config).toMatchObject({ OIDC_SCOPES: 'openid email profile', OIDC_EMAIL_CLAIM: 'email', SESSION_HOURS: 8, SESSION_SECRET: [signIn.SESSION_SECRET] });
  });

  it('When the issuer is set without a client, a session secret or a callback address, then start is refused naming each', () => {
    expect(() => loadConfig({ OIDC_ISSUER: signIn.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID: is required[\s\S]*SESSION_SECRET: is required[\s\S]*OIDC_REDIRECT_URL: set OIDC_REDIRECT_URL or PUBLIC_URL/,
    );
  });

  it('When the session secret is short, then start is refused; several secrets rotate', () => {
    expect(() => loadConfig({ ...signIn, SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET.*at least 32 characters/);
    const rotated = `${'n'.repeat(32)}, ${'o'.repeat(32)}`;
    expect(loadConfig({ ...signIn, SESSION_SECRET: rotated }).SESSION_SECRET).toEqual(['n'.repeat(32), 'o'.repeat(32)]);
  });

  it('When the provider or the callback is plain http on another machine, then start is refused; on this machine it is allowed', () => {
    expect(() => loadConfig({ ...signIn, OIDC_ISSUER: 'http://login.example.com' })).toThrow(/OIDC_ISSUER: must be https/);
    expect(() => loadConfig({ ...signIn, PUBLIC_URL: 'http://frontdoor.example.com' })).toThrow(/PUBLIC_URL: must be https/);
    expect(loadConfig({ ...signIn, OIDC_ISSUER: 'http://127.0.0.1:8080', PUBLIC_URL: 'http://localhost:3000' }).OIDC_ISSUER).toBe('http://127.0.0.1:8080');
  });
});
