import { parse as parseQuery } from 'node:querystring';
import Fastify, { type FastifyInstance } from 'fastify';

export interface SlackCall {
  method: string;
  /** The call's arguments; `blocks`, `view` and other JSON-encoded fields decoded. */
  args: Record<string, unknown>;
  /** What the fake answered. */
  result?: Record<string, unknown>;
  /** For response_url posts: which response URL. */
  responseId?: string;
}

/** Who users.info and users.lookupByEmail know: Slack user id -> email. */
export type SlackUsers = Record<string, string>;

const jsonFields = ['blocks', 'view', 'attachments', 'metadata'];

/**
 * A local stand-in for Slack's Web API: records every call and answers in Slack's shapes.
 * Bolt's WebClient posts form bodies (blocks and views as JSON strings) to /api/<method>;
 * response_url posts (ephemeral answers to slash commands) arrive as JSON under /response/.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  private app: FastifyInstance | undefined;
  private seq = 0;
  private readonly rateLimited = new Map<string, number>();
  private readonly held = new Map<string, Promise<void>>();
  url = '';
  /** users.info fields beyond the defaults (team T1, not a stranger), by Slack user id. */
  readonly userDetails: Record<string, Record<string, unknown>> = {};

  constructor(readonly users: SlackUsers) {}

  async start(): Promise<void> {
    const app = Fastify({ logger: false });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseQuery(body as string)));
    app.post('/api/:method', async (request, reply) => {
      const { method } = request.params as { method: string };
      const args = decode((request.body ?? {}) as Record<string, unknown>);
      const retryAfter = this.rateLimited.get(method);
      if (retryAfter !== undefined) {
        this.rateLimited.delete(method);
        this.calls.push({ method: `${method}#429`, args });
        return reply.status(429).header('retry-after', String(retryAfter)).send({ ok: false, error: 'ratelimited' });
      }
      await this.held.get(method);
      const result = this.answer(method, args);
      this.calls.push({ method, args, result });
      return result;
    });
    app.post('/response/:id', async (request) => {
      const { id } = request.params as { id: string };
      this.calls.push({ method: 'response_url', responseId: id, args: decode((request.body ?? {}) as Record<string, unknown>) });
      return 'ok';
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('fake Slack API did not listen');
    this.url = `http://127.0.0.1:${address.port}`;
    this.app = app;
  }

  async stop(): Promise<void> {
    await this.app?.close();
  }

  /** The next call of `method` answers 429 with Retry-After. */
  rateLimitNext(method: string, retryAfterSeconds: number): void {
    this.rateLimited.set(method, retryAfterSeconds);
  }

  /** Calls of `method` wait until the returned function is called. */
  hold(method: string): () => void {
    let release!: () => void;
    this.held.set(method, new Promise<void>((resolve) => { release = resolve; }));
    return () => { this.held.delete(method); release(); };
  }

  of(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ts = () => `1700000000.${String(++this.seq).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test': return { ok: true, url: 'https://example.slack.com/', team: 'Example', user: 'frontdoor', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage': return { ok: true, channel: args.channel, ts: ts(), message: { text: args.text, blocks: args.blocks } };
      case 'chat.update': return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral': return { ok: true, message_ts: ts() };
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish': return { ok: true, view: { id: `V${++this.seq}`, ...(args.view as object) } };
      case 'conversations.open': return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'users.info': {
        const email = this.users[String(args.user)];
        return email ? { ok: true, user: { id: args.user, team_id: 'T1', name: email.split('@')[0], is_bot: false, deleted: false, profile: { email }, ...this.userDetails[String(args.user)] } } : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const id = Object.entries(this.users).find(([, email]) => email === args.email)?.[0];
        return id ? { ok: true, user: { id, team_id: 'T1', profile: { email: args.email }, ...this.userDetails[id] } } : { ok: false, error: 'users_not_found' };
      }
      default: return { ok: false, error: 'unknown_method' };
    }
  }
}

function decode(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const key of jsonFields) {
    if (typeof out[key] === 'string') {
      try { out[key] = JSON.parse(out[key] as string); } catch { /* keep as sent */ }
    }
  }
  return out;
}
