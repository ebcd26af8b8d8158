import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { Deps } from '../../src/deps.js';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import { startEmbeddedIdentity } from '../../integrations/identity/embedded-identity.js';
import type { FakeIdentityServer } from '../../integrations/identity/fake-identity-server.js';
import { buildTestApp } from '../support/test-app.js';

const directoryFile = 'integrations/sample-directory/people.yaml';

export type Activity = Record<string, unknown> & { id: string; from: { id: string; role?: string } };

/**
 * What a person does in the web chat: type text, answer the open question card (its input
 * plus the card's submit data, as Web Chat posts it), or press a button of the latest card by
 * its title (with the inputs of a show-card, e.g. the reason for a denial).
 */
export type UserInput = string | { answer: string } | { click: string; inputs?: Record<string, string> };

/** The real app over a fresh database (test/support/test-database.ts), with the identity system's fake over HTTP. */
export interface E2E {
  app: FastifyInstance;
  deps: Deps;
  identity: FakeIdentityServer;
  /** The person's web chat, opened as the page does after picking them (one per person). */
  chat(email: string): Promise<Chat>;
  /** A new web chat for the person, as after a reload: nothing of their earlier conversation is open. */
  newChat(email: string): Promise<Chat>;
  /** A REST call as the web chat's picked person (embedded mode's X-Frontdoor-Person). */
  api(email: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** A REST call with a bearer token made by the token service. */
  apiWithToken(token: string, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** `env`: settings over the harness's own (a many-conversation run raises the rate limits). */
export async function startE2E(options: { env?: Record<string, string> } = {}): Promise<E2E> {
  // Seeded like the embedded mode's own fake, but started by the test so it can read the wire.
  const embedded = await startEmbeddedIdentity(await loadFileDirectory(directoryFile), await loadCatalog('.'));
  const { app, deps, close } = await buildTestApp({
    name: 'e2e',
    env: { TIME_ZONE: 'UTC', CATALOG_DIR: '.', DIRECTORY_FILE: directoryFile, IDENTITY_API_URL: embedded.credentials.baseUrl, IDENTITY_API_TOKEN: embedded.credentials.token, ...options.env },
  }).catch(async (error: unknown) => { await embedded.server.close(); throw error; });
  const chats = new Map<string, Chat>();
  // Fulfilment runs on the worker after the reply: what it tells people arrives once the worker is idle.
  const settle = async () => {
    await deps.fulfilment.idle();
    await deps.notifier.flush();
  };
  const settled = async <T>(response: Promise<T>): Promise<T> => {
    const done = await response;
    await settle();
    return done;
  };
  return {
    app,
    deps,
    identity: embedded.server,
    async chat(email) {
      let chat = chats.get(email);
      if (!chat) {
        chat = await Chat.open(app, email, settle);
        chats.set(email, chat);
      }
      return chat;
    },
    async newChat(email) {
      const chat = await Chat.open(app, email, settle);
      chats.set(email, chat);
      return chat;
    },
    api: (email, method, url, payload) => settled(app.inject({ method, url, headers: { 'x-frontdoor-person': email }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) })),
    apiWithToken: (token, method, url, payload) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) }),
    async close() {
      await close();
      await embedded.server.close();
    },
  };
}

/** One person's Direct Line conversation; remembers what they have already read. */
export class Chat {
  private watermark = '';
  /** Every bot activity this person has read so far, oldest first. */
  readonly seen: Activity[] = [];

  private constructor(private readonly app: FastifyInstance, readonly email: string, private readonly conversationId: string, private readonly token: string, private readonly settle: () => Promise<void>) {}

  static async open(app: FastifyInstance, email: string, settle: () => Promise<void>): Promise<Chat> {
    const issued = await app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', payload: { user: { id: email } } });
    if (issued.statusCode !== 200) throw new Error(`token for ${email}: ${issued.statusCode} ${issued.body}`);
    const { token } = issued.json() as { token: string };
    const started = await app.inject({ method: 'POST', url: '/v3/directline/conversations', headers: { authorization: `Bearer ${token}` }, payload: {} });
    if (started.statusCode !== 201) throw new Error(`conversation for ${email}: ${started.statusCode} ${started.body}`);
    const { conversationId } = started.json() as { conversationId: string };
    const chat = new Chat(app, email, conversationId, token, settle);
    await chat.unread();
    return chat;
  }

  /** Sends what the person does and returns the bot's activities since they last read, fulfilment's news included. */
  async send(input: UserInput): Promise<Activity[]> {
    const activity = typeof input === 'string'
      ? { type: 'message', from: { id: this.email, role: 'user' }, text: input }
      : { type: 'message', from: { id: this.email, role: 'user' }, value: this.submitValue(input) };
    const res = await this.post(activity);
    if (res.statusCode !== 200) throw new Error(`${this.email} posted ${JSON.stringify(activity)}: ${res.statusCode} ${res.body}`);
    await this.settle();
    return this.unread();
  }

  /** Posts an activity as is (e.g. a replayed card submit) and returns the raw response. */
  post(activity: Record<string, unknown>): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: 'POST', url: `/v3/directline/conversations/${this.conversationId}/activities`,
      headers: { authorization: `Bearer ${this.token}` }, payload: activity,
    });
  }

  /** Bot activities that arrived since the person last read (their own echoes left out). */
  async unread(): Promise<Activity[]> {
    const res = await this.app.inject({
      method: 'GET', url: `/v3/directline/conversations/${this.conversationId}/activities${this.watermark ? `?watermark=${this.watermark}` : ''}`,
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (res.statusCode !== 200) throw new Error(`activities of ${this.email}: ${res.statusCode} ${res.body}`);
    const set = res.json() as { activities: Activity[]; watermark: string };
    this.watermark = set.watermark;
    const bot = set.activities.filter((a) => a.from.role === 'bot');
    this.seen.push(...bot);
    return bot;
  }

  /** The card submit Web Chat would post for this input, from the newest card with buttons. */
  private submitValue(input: Exclude<UserInput, string>): Record<string, unknown> {
    const latest = [...this.seen].reverse().find((a) => submitsOf(a).length > 0);
    for (const activity of latest ? [latest] : []) {
      const buttons = submitsOf(activity);
      if ('answer' in input) {
        const submit = buttons.find((b) => b.data.action === 'dialog.answer' && b.data.answer === undefined && b.title === 'Submit');
        if (submit) return { ...submit.data, answer: input.answer };
      } else {
        const submit = buttons.find((b) => b.title === input.click);
        if (submit) return { ...submit.data, ...input.inputs };
      }
    }
    throw new Error(`${this.email} has no card with ${JSON.stringify(input)}; last read: ${textOf(this.seen.slice(-3))}`);
  }
}

/** Every Action.Submit of an activity's cards (show-cards included), with its title. */
export function submitsOf(activity: Activity): Array<{ title: string; data: Record<string, unknown> }> {
  const found: Array<{ title: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Submit' && n.data && typeof n.data === 'object') found.push({ title: String(n.title ?? ''), data: n.data as Record<string, unknown> });
      Object.entries(n).filter(([k]) => k !== 'data').forEach(([, v]) => walk(v));
    }
  };
  walk(activity.attachments);
  return found;
}

/** What a person reads: message text, card text blocks and facts ("Status: Approved"). */
export function textOf(activities: Activity[]): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'TextBlock' && typeof n.text === 'string') parts.push(n.text);
      if (typeof n.title === 'string' && typeof n.value === 'string') parts.push(`${n.title}: ${n.value}`);
      Object.entries(n).filter(([k]) => k !== 'data').forEach(([, v]) => walk(v));
    }
  };
  for (const a of activities) {
    if (typeof a.text === 'string') parts.push(a.text);
    walk(a.attachments);
  }
  return parts.join('\n');
}

export function requestNumberIn(activities: Activity[]): string | undefined {
  return textOf(activities).match(/REQ-\d+/g)?.at(-1);
}
