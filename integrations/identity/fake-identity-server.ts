import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';

export interface ReceivedRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: unknown;
}

interface FakeUser {
  id: string;
  status: string;
  profile: Record<string, unknown> & { login: string; email: string };
  passwordResetSent: number;
  /** When the user last signed in (ISO), null until they have. */
  lastLogin: string | null;
}

/**
 * A local stand-in for the identity system, speaking its Okta-style wire format: users,
 * groups (entitlements), memberships and lifecycle calls. A changing request with an
 * `Idempotency-Key` it has answered before gets the same answer and has no second effect. Tests start it over HTTP, read
 * what it received and its state, and can make calls fail. Embedded (dev) mode runs one
 * in-process so fulfilment works without a real tenant.
 */
export class FakeIdentityServer {
  readonly received: ReceivedRequest[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly groups = new Map<string, { id: string; profile: { name: string } }>();
  readonly members = new Map<string, Set<string>>();
  private failures: Array<{ match: RegExp; status: number; summary: string; times: number; retryAfter?: string }> = [];
  /** Answers given to changing requests, by Idempotency-Key: the same key gets the same answer and no second effect. */
  private readonly answered = new Map<string, { request: string; status: number; payload: unknown; contentType: string | undefined }>();
  private readonly receivedBy = new WeakMap<object, ReceivedRequest>();
  private holds: Array<{ match: RegExp; arrived(): void; released: Promise<void> }> = [];
  private readonly app: FastifyInstance;
  private baseUrl: string | undefined;

  constructor(private readonly token: string) {
    this.app = Fastify({ logger: false });
    this.routes();
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('the fake identity server is not started');
    return this.baseUrl;
  }

  async start(): Promise<string> {
    const address = await this.app.listen({ host: '127.0.0.1', port: 0 });
    this.baseUrl = address;
    return address;
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  addUser(email: string, profile: Record<string, unknown> = {}): FakeUser {
    const login = email.toLowerCase();
    const user: FakeUser = { id: `00u${randomUUID().replace(/-/g, '').slice(0, 17)}`, status: 'ACTIVE', profile: { ...profile, login, email: login }, passwordResetSent: 0, lastLogin: null };
    this.users.set(user.id, user);
    return user;
  }

  addGroup(name: string): string {
    const id = `00g${randomUUID().replace(/-/g, '').slice(0, 17)}`;
    this.groups.set(id, { id, profile: { name } });
    this.members.set(id, new Set());
    return id;
  }

  userByLogin(login: string): FakeUser | undefined {
    return [...this.users.values()].find((u) => u.profile.login === login.toLowerCase());
  }

  /** The user signs in (to their new account, say): `lastLogin` tells it from now on. */
  logIn(login: string, at = new Date()): void {
    const user = this.userByLogin(login);
    if (!user) throw new Error(`the fake identity server has no user ${login}`);
    user.lastLogin = at.toISOString();
    user.status = 'ACTIVE';
  }

  groupMembers(name: string): string[] {
    const group = [...this.groups.values()].find((g) => g.profile.name === name);
    return group ? [...(this.members.get(group.id) ?? [])].map((id) => this.users.get(id)!.profile.login) : [];
  }

  /** The next `times` requests whose "METHOD path" matches answer with this status (and Retry-After, when given). */
  failWhen(match: RegExp, status: number, summary = 'Simulated failure', times = 1, options: { retryAfter?: string } = {}): void {
    this.failures.push({ match, status, summary, times, ...options });
  }

  /**
   * The next request whose "METHOD path" matches waits until `release` (a slow system, or a
   * caller that dies while waiting); `arrived` resolves when it is waiting.
   */
  holdNext(match: RegExp): { arrived: Promise<void>; release(): void } {
    let arrived!: () => void;
    let release!: () => void;
    const arrival = new Promise<void>((resolve) => { arrived = resolve; });
    const released = new Promise<void>((resolve) => { release = resolve; });
    this.holds.push({ match, arrived, released });
    return { arrived: arrival, release };
  }

  private routes(): void {
    const app = this.app;
    app.addHook('onRequest', async (request, reply) => {
      const idempotencyKey = request.headers['idempotency-key'];
      const received: ReceivedRequest = { method: request.method, url: request.url, authorization: request.headers.authorization, idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined, body: undefined };
      this.received.push(received);
      this.receivedBy.set(request, received);
      if (request.headers.authorization !== `SSWS ${this.token}`) {
        return reply.status(401).send(error('E0000011', 'Invalid token provided'));
      }
      const key = `${request.method} ${request.url}`;
      const failure = this.failures.find((f) => f.times > 0 && f.match.test(key));
      if (failure) {
        failure.times -= 1;
        if (failure.retryAfter) void reply.header('retry-after', failure.retryAfter);
        return reply.status(failure.status).send(error('E0000009', failure.summary));
      }
      const hold = this.holds.find((h) => h.match.test(key));
      if (hold) {
        this.holds = this.holds.filter((h) => h !== hold);
        hold.arrived();
        await hold.released;
      }
    });
    app.addHook('preHandler', async (request, reply) => {
      // Its own entry: a request held meanwhile may have let others arrive after it.
      const received = this.receivedBy.get(request)!;
      received.body = request.body;
      const key = received.idempotencyKey;
      if (request.method === 'GET' || !key) return;
      const seen = this.answered.get(key);
      if (!seen) return;
      // One key is one request: the same one gets its first answer again; a different one is refused.
      if (seen.request !== fingerprint(request.method, request.url, request.body)) {
        return reply.status(422).send(error('E0000160', 'Idempotency key already used for a different request'));
      }
      if (seen.contentType) void reply.header('content-type', seen.contentType);
      return reply.status(seen.status).send(seen.payload);
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const key = request.headers['idempotency-key'];
      if (request.method === 'GET' || typeof key !== 'string' || reply.statusCode >= 300 || this.answered.has(key)) return payload;
      const contentType = reply.getHeader('content-type');
      this.answered.set(key, { request: fingerprint(request.method, request.url, request.body), status: reply.statusCode, payload, contentType: typeof contentType === 'string' ? contentType : undefined });
      return payload;
    });

    app.get<{ Params: { id: string } }>('/api/v1/users/:id', async (request, reply) => {
      const user = this.users.get(request.params.id) ?? this.userByLogin(request.params.id);
      return user ? view(user) : reply.status(404).send(error('E0000007', `Not found: Resource not found: ${request.params.id} (User)`));
    });
    app.post<{ Body: { profile?: Record<string, unknown> } }>('/api/v1/users', async (request, reply) => {
      const login = String(request.body?.profile?.login ?? '');
      if (!login.includes('@')) return reply.status(400).send(error('E0000001', 'Api validation failed: login'));
      if (this.userByLogin(login)) return reply.status(400).send(error('E0000001', 'Api validation failed: login: An object with this field already exists in the current organization'));
      const user = this.addUser(login, request.body!.profile);
      user.status = (request.query as { activate?: string }).activate === 'false' ? 'STAGED' : 'ACTIVE';
      return view(user);
    });
    app.post<{ Params: { id: string } }>('/api/v1/users/:id/lifecycle/reset_password', async (request, reply) => {
      const user = this.users.get(request.params.id);
      if (!user) return reply.status(404).send(error('E0000007', 'Not found: Resource not found (User)'));
      user.passwordResetSent += 1;
      user.status = 'RECOVERY';
      return {};
    });
    app.post<{ Params: { id: string } }>('/api/v1/users/:id/lifecycle/unlock', async (request, reply) => {
      const user = this.users.get(request.params.id);
      if (!user) return reply.status(404).send(error('E0000007', 'Not found: Resource not found (User)'));
      // Lenient where the real service says 403: an unlock of an active user is a no-op here,
      // so the embedded demo works for anyone.
      user.status = 'ACTIVE';
      return {};
    });
    app.post<{ Params: { id: string } }>('/api/v1/users/:id/lifecycle/deactivate', async (request, reply) => {
      const user = this.users.get(request.params.id);
      if (!user) return reply.status(404).send(error('E0000007', 'Not found: Resource not found (User)'));
      user.status = 'DEPROVISIONED';
      return {};
    });
    app.get<{ Querystring: { q?: string } }>('/api/v1/groups', async (request) => {
      const q = (request.query.q ?? '').toLowerCase();
      return [...this.groups.values()].filter((g) => g.profile.name.toLowerCase().startsWith(q));
    });
    app.put<{ Params: { gid: string; uid: string } }>('/api/v1/groups/:gid/users/:uid', async (request, reply) => {
      const members = this.members.get(request.params.gid);
      if (!members || !this.users.has(request.params.uid)) return reply.status(404).send(error('E0000007', 'Not found: Resource not found'));
      members.add(request.params.uid);
      return reply.status(204).send();
    });
    // As the real service: removing someone who is not a member is no error.
    app.delete<{ Params: { gid: string; uid: string } }>('/api/v1/groups/:gid/users/:uid', async (request, reply) => {
      const members = this.members.get(request.params.gid);
      if (!members || !this.users.has(request.params.uid)) return reply.status(404).send(error('E0000007', 'Not found: Resource not found'));
      members.delete(request.params.uid);
      return reply.status(204).send();
    });
  }
}

function fingerprint(method: string, url: string, body: unknown): string {
  return JSON.stringify([method, url, body ?? null]);
}

function view(user: FakeUser) {
  return { id: user.id, status: user.status, lastLogin: user.lastLogin, profile: user.profile };
}

function error(errorCode: string, errorSummary: string) {
  return { errorCode, errorSummary, errorLink: errorCode, errorId: randomUUID(), errorCauses: [] };
}
