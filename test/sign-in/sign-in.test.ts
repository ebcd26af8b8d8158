import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser, csrfTokenOf } from '../support/http-browser.js';
import { outsider } from '../support/oidc-provider.js';
import { startSignInApp, type SignInHarness } from './sign-in-harness.js';

const nina = 'nina.petrova@example.com';

describe("Signing in with the organisation's OpenID provider", () => {
  let h: SignInHarness;
  beforeAll(async () => {
    h = await startSignInApp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('When a person opens the console, then they sign in at the provider and come back to the page they asked for, signed in as themselves', async () => {
    const browser = new HttpBrowser();
    const first = await browser.request(`${h.origin}/console/approvals`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/sign-in?returnTo=%2Fconsole%2Fapprovals');

    const toProvider = await browser.request(`${h.origin}/sign-in?returnTo=%2Fconsole%2Fapprovals`);
    expect(toProvider.status).toBe(303);
    const authorization = new URL(toProvider.headers.get('location')!);
    expect(authorization.origin).toBe(h.provider.issuer);
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'frontdoor',
      redirect_uri: `${h.origin}/sign-in/callback`,
      code_challenge_method: 'S256',
      state: expect.any(String),
      nonce: expect.any(String),
      code_challenge: expect.any(String),
    });

    const landed = await browser.signIn(authorization.href, nina);
    expect(landed.url).toBe(`${h.origin}/console/approvals`);
    expect(landed.res.status).toBe(200);
    expect(landed.text).toContain('Signed in as <strong>Nina Petrova</strong>');
    expect(landed.res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(landed.res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(landed.res.headers.get('cache-control')).toBe('no-store');
  });

  it('When the session cookie is set, then it is secure, http-only, SameSite=Lax, host-only for every path', async () => {
    const browser = new HttpBrowser();
    await browser.signIn(`${h.origin}/sign-in`, nina);
    const session = browser.setCookies.filter((c) => c.startsWith('__Host-frontdoor-session=')).at(-1)!;
    expect(session).toBeDefined();
    const flags = session
      .split(';')
      .slice(1)
      .map((f) => f.trim().toLowerCase());
    expect(flags).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=lax', 'path=/']));
    expect(flags.some((f) => f.startsWith('domain='))).toBe(false);
    // Encrypted: nothing readable about the person in it.
    expect(decodeURIComponent(session)).not.toContain('nina');
  });

  it("When the callback's state is not the one this browser started with, then the sign-in is refused and nobody is signed in", async () => {
    const browser = new HttpBrowser();
    const forged = (next: URL) => {
      if (next.pathname === '/sign-in/callback') next.searchParams.set('state', 'a-state-from-somewhere-else');
      return next;
    };
    const landed = await browser.signIn(`${h.origin}/sign-in`, nina, forged);
    expect(landed.url).toContain('/sign-in/callback');
    expect(landed.res.status).toBe(400);
    expect(landed.text).toContain('did not match the sign-in started in this browser');
    expect((await browser.request(`${h.origin}/console`)).status).toBe(303);
  });

  it('When the ID token carries another nonce than the one this browser started with, then the sign-in is refused', async () => {
    const browser = new HttpBrowser();
    const swapped = (next: URL) => {
      if (next.origin === h.provider.issuer && next.pathname === '/auth') next.searchParams.set('nonce', 'a-nonce-of-an-attacker');
      return next;
    };
    const landed = await browser.signIn(`${h.origin}/sign-in`, nina, swapped);
    expect(landed.res.status).toBe(400);
    expect(landed.text).toContain('did not match');
    expect((await browser.request(`${h.origin}/console`)).status).toBe(303);
  });

  it('When a callback arrives in a browser that started no sign-in, then it is refused', async () => {
    const res = await new HttpBrowser().request(`${h.origin}/sign-in/callback?code=stolen&state=whatever`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('not started in this browser');
  });

  it('When someone the provider knows is not in the directory, then they are told so and get no session', async () => {
    const browser = new HttpBrowser();
    const landed = await browser.signIn(`${h.origin}/sign-in`, outsider);
    expect(landed.res.status).toBe(403);
    expect(landed.text).toContain('You are not in Frontdoor’s directory');
    expect(landed.text).toContain(outsider);
    expect((await browser.request(`${h.origin}/console`)).status).toBe(303);
    expect((await browser.request(`${h.origin}/sign-in/session`)).status).toBe(401);
  });

  it('When a person signs out, then the session cookie is cleared and the console asks them to sign in again', async () => {
    const browser = new HttpBrowser();
    const { text } = await browser.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole`, nina);
    const out = await browser.request(`${h.origin}/sign-out`, { form: { _csrf: csrfTokenOf(text) } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/signed-out');
    expect(browser.cookies.has('__Host-frontdoor-session')).toBe(false);
    expect((await browser.request(`${h.origin}/console`)).status).toBe(303);
    const signedOut = await browser.request(`${h.origin}/signed-out`);
    expect(await signedOut.text()).toContain('You are signed out');
  });

  it('When a form is posted without its CSRF token, then it is refused and nothing changes', async () => {
    const browser = new HttpBrowser();
    await browser.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole`, nina);
    const out = await browser.request(`${h.origin}/sign-out`, { form: {} });
    expect(out.status).toBe(403);
    expect(await out.text()).toContain('This form has expired');
    const wrong = await browser.request(`${h.origin}/sign-out`, { form: { _csrf: 'not-the-token' } });
    expect(wrong.status).toBe(403);
    expect((await browser.request(`${h.origin}/console`)).status).toBe(200);
  });

  it('When a return address points elsewhere, then the person comes back to the console instead', async () => {
    const browser = new HttpBrowser();
    const landed = await browser.signIn(`${h.origin}/sign-in?returnTo=${encodeURIComponent('//evil.example/steal')}`, nina);
    expect(landed.url).toBe(`${h.origin}/console`);
    expect(landed.res.status).toBe(200);
  });
});

describe('When sign-in does not go through', () => {
  it('When the person cancels at the provider, then the callback says so and nobody is signed in', async () => {
    const h = await startSignInApp();
    try {
      const browser = new HttpBrowser();
      const started = await browser.request(`${h.origin}/sign-in`);
      const state = new URL(started.headers.get('location')!).searchParams.get('state')!;
      const res = await browser.request(
        `${h.origin}/sign-in/callback?error=access_denied&error_description=${encodeURIComponent('The user cancelled <b>')}&state=${state}`,
      );
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).toContain('The sign-in service did not sign you in (The user cancelled &lt;b&gt;).');
      expect((await browser.request(`${h.origin}/console`)).status).toBe(303);
    } finally {
      await h.close();
    }
  });

  it('When the provider cannot be reached, then /sign-in answers a page that says so, and nothing leaks', async () => {
    const h = await startSignInApp();
    try {
      await h.provider.close();
      const res = await new HttpBrowser().request(`${h.origin}/sign-in`);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).toContain('Sign-in is unavailable');
      expect(text).not.toMatch(/ECONNREFUSED|at .*\.js/);
    } finally {
      await h.close();
    }
  });
});
