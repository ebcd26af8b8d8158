import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser, csrfTokenOf } from '../support/http-browser.js';
import { startSignInApp, type SignInHarness } from './sign-in-harness.js';

const fatima = 'fatima.haddad@example.com'; // service desk
const carlos = 'carlos.mendes@example.com'; // service desk
const nina = 'nina.petrova@example.com'; // not on the service desk

interface Activity {
  type: string;
  text?: string;
  from: { id: string; role?: string };
  attachments?: unknown[];
}

/** An employee's web chat in secure mode, over the Direct Line REST API the chat page's script uses. */
class EmployeeChat {
  private watermark: string | undefined;
  private constructor(
    readonly origin: string,
    readonly conversationId: string,
    private readonly token: string,
  ) {}

  static async open(h: SignInHarness, email: string): Promise<EmployeeChat> {
    const browser = new HttpBrowser();
    await browser.signIn(`${h.origin}/chat`, email);
    const session = (await (await browser.request(`${h.origin}/sign-in/session`)).json()) as { csrfToken: string };
    const issued = await browser.request(`${h.origin}/v3/directline/tokens/generate`, { json: {}, headers: { 'x-csrf-token': session.csrfToken } });
    const { conversationId, token } = (await issued.json()) as { conversationId: string; token: string };
    const chat = new EmployeeChat(h.origin, conversationId, token);
    await chat.unread();
    return chat;
  }

  async send(text: string): Promise<void> {
    const res = await fetch(`${this.origin}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'me', role: 'user' }, text }),
    });
    expect(res.status).toBe(200);
  }

  /** The bot's messages since the last read, as GET activities gives them. */
  async unread(): Promise<Activity[]> {
    const query = this.watermark ? `?watermark=${this.watermark}` : '';
    const res = await fetch(`${this.origin}/v3/directline/conversations/${this.conversationId}/activities${query}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const set = (await res.json()) as { activities: Activity[]; watermark: string };
    this.watermark = set.watermark;
    return set.activities.filter((a) => a.from.role === 'bot');
  }
}

const texts = (activities: Activity[]) => activities.map((a) => a.text ?? '').join('\n');

describe('The agent workspace in the browser', () => {
  let h: SignInHarness;
  let agent: HttpBrowser;
  beforeAll(async () => {
    h = await startSignInApp();
    agent = new HttpBrowser();
    await agent.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole%2Ftriage`, fatima);
  });
  afterAll(async () => {
    await h?.close();
  });

  const page = async (path: string) => {
    const res = await agent.request(`${h.origin}${path}`);
    return { status: res.status, text: await res.text() };
  };
  const post = async (path: string, form: Record<string, string> = {}) => {
    const from = await page(path.replace(/\/[a-z-]+$/, ''));
    return agent.request(`${h.origin}${path}`, { form: { _csrf: csrfTokenOf(from.text), ...form } });
  };
  const settle = () => h.deps.notifier.flush();
  /** An employee writes something the assistant cannot place; returns their chat and the item. */
  const unclear = async (email: string, text: string) => {
    const chat = await EmployeeChat.open(h, email);
    await chat.send(text);
    await settle();
    expect(texts(await chat.unread())).toMatch(/passed this to the service desk/);
    const item = (await h.deps.triage.list('open')).filter((i) => i.personId === email).at(-1)!;
    expect(item, `an open triage item of ${email}`).toBeDefined();
    return { chat, item };
  };
  const itemOf = (id: string) => h.deps.triage.get(id);

  it('When an agent opens the queue, then items are listed newest first with who has them, and the filters narrow it', async () => {
    const first = await unclear('ethan.brooks@example.com', 'blorp wibble zark');
    const second = await unclear('chloe.martin@example.com', 'frimble gorp snaz');
    await h.deps.engine.handoff.takeOver({ triageId: second.item.id, agent: (await h.deps.directory.findByEmail(carlos))!, via: 'api' });

    const queue = await page('/console/triage');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('<nav aria-label="Console">');
    expect(queue.text).toContain('<form method="get" action="/console/triage" class="filters" role="search" aria-label="Filter the queue">');
    const at = (id: string) => queue.text.indexOf(`/console/triage/${id}"`);
    expect(at(second.item.id)).toBeGreaterThan(0);
    expect(at(second.item.id), 'newest first').toBeLessThan(at(first.item.id));
    expect(queue.text).toMatch(/Chloe Martin<\/td>[\s\S]*?Taken over[\s\S]*?Carlos Mendes/);

    const open = await page('/console/triage?status=open');
    expect(open.text).toContain(first.item.id);
    expect(open.text).not.toContain(second.item.id);
    const carlosHas = await page(`/console/triage?takenBy=${encodeURIComponent(carlos)}`);
    expect(carlosHas.text).toContain(second.item.id);
    expect(carlosHas.text).not.toContain(first.item.id);
    const words = await page('/console/triage?q=WIBBLE&channel=webchat');
    expect(words.text).toContain(first.item.id);
    expect(words.text).not.toContain(second.item.id);
    expect((await page(`/console/triage?q=${first.item.id.slice(0, 8)}`)).text, 'the reference the employee was given').toContain(first.item.id);
    expect((await page('/console/triage?channel=slack')).text).toContain('Nothing in the queue matches this filter.');
    expect((await page('/console/triage?status=lost')).status).toBe(400);
    expect((await page('/console/triage/no-such-item')).status).toBe(404);
  });

  it('When an agent takes over from the item page and writes, then the employee reads it in their web chat and their answer appears on the page', async () => {
    const { chat, item } = await unclear('marcus.chen@example.com', 'qwzx plonk trundle');
    const before = await page(`/console/triage/${item.id}`);
    expect(before.status).toBe(200);
    expect(before.text).toContain('Message from Marcus Chen');
    expect(before.text).toContain('Marcus Chen: qwzx plonk trundle');
    expect(before.text).toContain('<button type="submit">Take over the conversation</button>');
    expect(before.text).toContain('<script src="/console/assets/triage.js" defer></script>');

    const taken = await post(`/console/triage/${item.id}/take-over`);
    expect(taken.status).toBe(303);
    expect(taken.headers.get('location')).toBe(`/console/triage/${item.id}`);
    expect(await itemOf(item.id)).toMatchObject({ status: 'taken', takenBy: fatima });
    await settle();
    expect(texts(await chat.unread())).toContain('Fatima Haddad from the service desk has joined; you are now talking to a person.');

    const mine = await page(`/console/triage/${item.id}`);
    expect(mine.text).toContain('You have the conversation');
    expect(mine.text).toMatch(/<label for="message">Message to Marcus Chen<\/label>\s*<textarea\s+id="message"[^>]*autofocus/);
    expect(mine.text).toContain(`data-lines-url="/console/triage/${item.id}/lines"`);

    const sent = await post(`/console/triage/${item.id}/messages`, { text: 'Hello Marcus, what do you need? See REQ-12.' });
    expect(sent.status).toBe(303);
    await settle();
    expect(texts(await chat.unread())).toBe('Fatima Haddad: Hello Marcus, what do you need? See REQ-12.');
    const withLink = await page(`/console/triage/${item.id}`);
    expect(withLink.text).toContain('<a href="/console/requests/REQ-12">REQ-12</a>');

    const count = (await itemOf(item.id)).transcript.length;
    await chat.send('My screen <b>flickers</b>');
    await settle();
    const lines = (await (await agent.request(`${h.origin}/console/triage/${item.id}/lines?after=${count}`)).json()) as {
      status: string;
      count: number;
      html: string;
    };
    expect(lines).toEqual({ status: 'taken', count: count + 1, html: '<li>Marcus Chen: My screen &lt;b&gt;flickers&lt;/b&gt;</li>' });

    const empty = await post(`/console/triage/${item.id}/messages`, { text: '   ' });
    expect(empty.status).toBe(303);
    const problem = (await page(`/console/triage/${item.id}`)).text;
    expect(problem).toMatch(/class="result problem"[^>]*>\s*<p>A message has 1 to 4000 characters/);
    expect(problem, 'the message box points at what went wrong').toMatch(/<textarea\s+id="message"[^>]*aria-describedby="result"/);

    const audit = await h.deps.store.read.audit.listForTarget('triage-item', item.id);
    expect(audit.map((r) => [r.action, r.actorId])).toEqual([['triage.take-over', fatima]]);
  });

  it('When the agent hands back with an intent, then the employee is asked the first question of that dialog', async () => {
    const { chat, item } = await unclear('sam.patel@example.com', 'zorp flib quant');
    await post(`/console/triage/${item.id}/take-over`);
    await post(`/console/triage/${item.id}/messages`, { text: 'A work phone, then?' });
    await chat.send('yes please');
    await settle();
    await chat.unread();

    const back = await post(`/console/triage/${item.id}/hand-back`, { intent: 'request-mobile-phone' });
    expect(back.status).toBe(303);
    expect(await itemOf(item.id)).toMatchObject({ status: 'resolved', handedBack: { intent: 'request-mobile-phone' } });
    await settle();
    const resumed = await chat.unread();
    expect(texts(resumed)).toContain('Fatima Haddad has handed you back to the assistant.');
    expect(JSON.stringify(resumed)).toContain('"fieldId":"model"');

    const after = await page(`/console/triage/${item.id}`);
    expect(after.text).toMatch(/Handed back: the assistant continues with [^<]+\./);
    expect(after.text).toContain('Sam Patel: yes please');
    expect(after.text).not.toContain('id="message"');
    const audit = await h.deps.store.read.audit.listForTarget('triage-item', item.id);
    expect(audit.map((r) => r.action)).toEqual(['triage.take-over', 'triage.hand-back']);
  });

  it('When an open item is handed on with an intent from its page, then the dialog starts without a take-over', async () => {
    const { chat, item } = await unclear('ethan.brooks@example.com', 'snorkel vap');
    const refused = await post(`/console/triage/${item.id}/hand-back`, { intent: '' });
    expect(refused.status).toBe(303);
    expect((await itemOf(item.id)).status).toBe('open');
    await post(`/console/triage/${item.id}/hand-back`, { intent: 'request-vpn' });
    expect(await itemOf(item.id)).toMatchObject({ status: 'resolved', resolution: { intent: 'request-vpn' }, resolvedBy: fatima });
    await settle();
    expect(texts(await chat.unread())).toContain('Fatima Haddad from the service desk picked this up.');
    const audit = await h.deps.store.read.audit.listForTarget('triage-item', item.id);
    expect(audit.map((r) => [r.action, r.actorId, r.after])).toEqual([['triage.resolve', fatima, { status: 'resolved', intent: 'request-vpn' }]]);
  });

  it('When the agent resolves a taken-over conversation with a note, then the employee reads the note, no dialog starts and the item is resolved with it', async () => {
    const { chat, item } = await unclear('chloe.martin@example.com', 'glorp fandangle');
    await post(`/console/triage/${item.id}/take-over`);
    await settle();
    await chat.unread();
    const resolved = await post(`/console/triage/${item.id}/resolve`, { note: 'The printer on floor 2 is fixed now.' });
    expect(resolved.status).toBe(303);
    const stored = await itemOf(item.id);
    expect(stored).toMatchObject({ status: 'resolved', handedBack: { note: 'The printer on floor 2 is fixed now.' } });
    expect(stored.transcript).toContain('Fatima Haddad: The printer on floor 2 is fixed now.');
    await settle();
    const told = await chat.unread();
    expect(texts(told)).toContain('Fatima Haddad: The printer on floor 2 is fixed now.');
    expect(texts(told)).toContain('Fatima Haddad has resolved this and handed you back to the assistant.');
    expect(told.some((a) => (a.attachments ?? []).length > 0)).toBe(false);
    const audit = await h.deps.store.read.audit.listForTarget('triage-item', item.id);
    expect(audit.at(-1)).toMatchObject({ action: 'triage.hand-back', reason: 'The printer on floor 2 is fixed now.' });
    expect((await page(`/console/triage/${item.id}`)).text).toContain('Resolved: the employee has your note.');
  });

  it('When an open item is resolved with a note, then the employee gets it as an answer from the agent', async () => {
    const { chat, item } = await unclear('marcus.chen@example.com', 'wubba fizzle');
    await post(`/console/triage/${item.id}/resolve`, { note: 'Restart the VPN client and try again.' });
    expect(await itemOf(item.id)).toMatchObject({ status: 'resolved', resolution: { answer: 'Restart the VPN client and try again.' } });
    await settle();
    expect(texts(await chat.unread())).toContain('Fatima Haddad from the service desk: Restart the VPN client and try again.');
  });

  it('When another agent has the conversation, then the page says who and their take-over cannot be taken', async () => {
    const { item } = await unclear('sam.patel@example.com', 'plimp ravoo');
    const view = await page(`/console/triage/${item.id}`);
    await h.deps.engine.handoff.takeOver({ triageId: item.id, agent: (await h.deps.directory.findByEmail(carlos))!, via: 'api' });
    const second = await agent.request(`${h.origin}/console/triage/${item.id}/take-over`, { form: { _csrf: csrfTokenOf(view.text) } });
    expect(second.status).toBe(303);
    const now = await page(`/console/triage/${item.id}`);
    expect(now.text).toMatch(/class="result problem"[^>]*>\s*<p>This conversation is already taken by Carlos Mendes\./);
    expect(now.text).toContain('Carlos Mendes is talking with Sam Patel.');
    expect(await itemOf(item.id)).toMatchObject({ status: 'taken', takenBy: carlos });
  });

  it('When a person without the agent role or without the CSRF token acts, then nothing changes', async () => {
    const { item } = await unclear('ethan.brooks@example.com', 'vorpal snicker');
    const other = new HttpBrowser();
    await other.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole`, nina);
    const refused = await other.request(`${h.origin}/console/triage`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('This page is not for your role');
    expect((await other.request(`${h.origin}/console/triage/${item.id}`)).status).toBe(403);
    expect((await other.request(`${h.origin}/console/triage/${item.id}/lines`)).status).toBe(403);
    const home = await (await other.request(`${h.origin}/console`)).text();
    expect(home).not.toContain('href="/console/triage"');
    expect((await other.request(`${h.origin}/console/triage/${item.id}/take-over`, { form: { _csrf: csrfTokenOf(home) } })).status).toBe(403);
    expect((await agent.request(`${h.origin}/console/triage/${item.id}/take-over`, { form: {} })).status).toBe(403);
    expect((await itemOf(item.id)).status).toBe('open');
    expect((await new HttpBrowser().request(`${h.origin}/console/triage`)).status).toBe(303);
  });

  it("When the item page script is asked for, then it is served as a file the pages' policy allows", async () => {
    const res = await agent.request(`${h.origin}/console/assets/triage.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain('linesUrl');
    const item = await page('/console/triage');
    expect(item.text).not.toMatch(/<script>(?!<\/script>)/);
  });
});
