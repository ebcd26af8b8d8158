import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

/** A chat.postMessage the bot made, as the fake saw it arrive. */
export interface PostedMessage {
  channel: string;
  text: string;
  blocks: unknown[];
  ts: string;
  /** performance.now() when the call arrived. */
  at: number;
}

export interface FakeSlackOptions {
  /** The email users.info answers for a Slack user id (any id the load uses). */
  emailOf(userId: string): string | undefined;
  /** The Slack user id users.lookupByEmail answers for a directory email. */
  userOf(email: string): string | undefined;
  onPost(message: PostedMessage): void;
}

/**
 * Slack's Web API as the bot sees it during a load run: the same wire format as
 * test/slack/fake-slack-api.ts (form bodies to /api/<method>, Slack's answer shapes), but
 * it knows any number of users through functions, stamps each post with its arrival time,
 * keeps no call log, and runs on bare node:http so the fake costs the generator little CPU.
 */
export class FakeSlackWebApi {
  private server: Server | undefined;
  private seq = 0;
  readonly counts = new Map<string, number>();
  url = '';

  constructor(private readonly options: FakeSlackOptions) {}

  async start(): Promise<void> {
    const server = createServer((req, res) => this.serve(req, res));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('fake Slack API did not listen');
    this.url = `http://127.0.0.1:${address.port}/api/`;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const body = Buffer.concat(chunks).toString('utf8');
      const args = (req.headers['content-type'] ?? '').includes('json') ? safeJson(body) : parseQuery(body) as Record<string, unknown>;
      this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
      const answer = this.answer(method, args);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ts = () => `1700000000.${String(++this.seq).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test': return { ok: true, url: 'https://example.slack.com/', team: 'Example', user: 'frontdoor', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage': {
        const message: PostedMessage = {
          channel: String(args.channel), text: String(args.text ?? ''), ts: ts(), at: performance.now(),
          blocks: typeof args.blocks === 'string' ? asArray(safeJson(args.blocks)) : [],
        };
        this.options.onPost(message);
        return { ok: true, channel: message.channel, ts: message.ts, message: { text: message.text } };
      }
      case 'chat.update': return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral': return { ok: true, message_ts: ts() };
      case 'views.publish':
      case 'views.open':
      case 'views.update': return { ok: true, view: { id: `V${++this.seq}` } };
      case 'conversations.open': return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'users.info': {
        const email = this.options.emailOf(String(args.user));
        return email ? { ok: true, user: { id: args.user, team_id: 'T1', name: email.split('@')[0], is_bot: false, deleted: false, profile: { email } } } : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const id = this.options.userOf(String(args.email));
        return id ? { ok: true, user: { id, team_id: 'T1', profile: { email: args.email } } } : { ok: false, error: 'users_not_found' };
      }
      default: return { ok: false, error: 'unknown_method' };
    }
  }
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? value as Record<string, unknown> : {};
  } catch {
    return {};
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
