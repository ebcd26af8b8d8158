/**
 * A person's browser reduced to what sign-in needs, over real HTTP: it follows redirects one
 * by one (so a test can look at or change each hop), keeps cookies, and submits the OpenID
 * provider's login and consent forms.
 */
export class HttpBrowser {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header seen, for tests of the cookies' flags. */
  readonly setCookies: string[] = [];

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string>; json?: unknown } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const res = await fetch(url, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `url` until a page answers; `rewrite` may change each next address. */
  async follow(url: string, rewrite: (next: URL) => URL = (u) => u): Promise<{ url: string; res: Response }> {
    let current = url;
    for (let hop = 0; hop < 20; hop += 1) {
      const res = await this.request(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      await res.arrayBuffer();
      current = rewrite(new URL(location, current)).href;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /**
   * Goes to `url` and, whenever the OpenID provider asks, logs in as `login` and consents,
   * until a page of the app answers. Returns that page.
   */
  async signIn(url: string, login: string, rewrite?: (next: URL) => URL): Promise<{ url: string; res: Response; text: string }> {
    let { url: at, res } = await this.follow(url, rewrite);
    for (let step = 0; step < 5; step += 1) {
      const text = await res.text();
      const prompt = /name="prompt" value="(login|consent)"/.exec(text)?.[1];
      if (!prompt) return { url: at, res, text };
      const action = new URL(/<form[^>]*action="([^"]+)"/.exec(text)![1]!, at).href;
      const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
      const posted = await this.request(action, { form });
      await posted.arrayBuffer();
      ({ url: at, res } = await this.follow(new URL(posted.headers.get('location')!, action).href, rewrite));
    }
    throw new Error('the provider kept asking');
  }
}

/** The CSRF token of a page's forms. */
export function csrfTokenOf(page: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}
