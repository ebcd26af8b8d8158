import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type WebChatHarness } from './webchat-harness.js';

describe('The web chat page', () => {
  let h: WebChatHarness;
  beforeAll(async () => { h = await startApp(); });
  afterAll(async () => { await h.close(); });

  it.each(['/', '/chat'])('When %s is opened, then the page has the heading, the hint, a labelled person picker and loads Web Chat locally', async (url) => {
    const res = await h.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<h1>Frontdoor</h1>');
    expect(res.body).toContain('Try: I need a new laptop');
    expect(res.body).toMatch(/<label for="person">[^<]+<\/label>\s*<select id="person"/);
    expect(res.body).toContain('<script src="/webchat/webchat.js"></script>');
    expect(res.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('When the page script is fetched, then it polls the local Direct Line endpoint as the picked person', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/web/chat.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("location.origin + '/v3/directline'");
    expect(res.body).toContain('webSocket: false');
    expect(res.body).toContain('/api/v1/people');
  });

  it('When the Web Chat bundle is fetched, then it is served from the installed package', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/webchat/webchat.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.rawPayload.length).toBeGreaterThan(1_000_000);
    expect(res.body).toContain('createDirectLine');
  });
});
