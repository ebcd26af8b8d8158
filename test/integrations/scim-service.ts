import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

export interface ScimRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  ifMatch: string | undefined;
  body: unknown;
}

interface StoredResource {
  id: string;
  version: number;
  created: Date;
  lastModified: Date;
  data: Record<string, unknown>;
}

interface Context {
  ifMatch: string | undefined;
}

const enterpriseSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/**
 * A real SCIM 2.0 service (RFC 7643/7644) from scimmy and scimmy-routers: filters, PATCH,
 * schemas and errors are theirs. The test supplies the storage only: users and groups in
 * memory, unique userName (409 uniqueness), and a version per resource that is its ETag
 * (meta.version) and is checked against If-Match before a change (412). It also records what
 * arrived and can answer the next matching requests with an error, as a busy service would.
 */
export class ScimService {
  readonly received: ScimRequest[] = [];
  readonly users = new Map<string, StoredResource>();
  readonly groups = new Map<string, StoredResource>();
  private failures: Array<{ match: RegExp; status: number; detail: string; times: number; retryAfter?: string }> = [];
  private slow: Array<{ match: RegExp; ms: number }> = [];
  private readonly changeBehind = new Map<string, number>();
  private server: Server | undefined;
  private baseUrl: string | undefined;

  constructor(private readonly token: string) {}

  get url(): string {
    if (!this.baseUrl) throw new Error('the SCIM service is not started');
    return this.baseUrl;
  }

  async start(): Promise<string> {
    SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
    SCIMMY.Resources.declare(SCIMMY.Resources.User)
      .egress((resource) => this.egress(this.users, 'User', resource) as never)
      .ingress((resource, instance, ctx: Context) => this.ingress(this.users, 'User', resource, instance as unknown as Record<string, unknown>, ctx) as never)
      .degress((resource) => {
        this.users.delete(String(resource.id));
      });
    SCIMMY.Resources.declare(SCIMMY.Resources.Group)
      .egress((resource) => this.egress(this.groups, 'Group', resource) as never)
      .ingress((resource, instance, ctx: Context) => this.ingress(this.groups, 'Group', resource, instance as unknown as Record<string, unknown>, ctx) as never)
      .degress((resource) => {
        this.groups.delete(String(resource.id));
      });
    const app = express();
    // The resource's version (meta.version) is its ETag, not a hash of the answer's body.
    app.set('etag', false);
    app.use(express.json({ type: ['application/scim+json', 'application/json'] }));
    app.use('/scim/v2', (req, res, next) => {
      this.received.push({
        method: req.method,
        url: req.originalUrl,
        authorization: req.header('authorization'),
        contentType: req.header('content-type'),
        ifMatch: req.header('if-match'),
        body: req.body as unknown,
      });
      const key = `${req.method} ${req.originalUrl}`;
      const slow = this.slow.find((d) => d.match.test(key));
      if (slow) {
        this.slow = this.slow.filter((d) => d !== slow);
        setTimeout(next, slow.ms);
        return;
      }
      const failure = this.failures.find((f) => f.times > 0 && f.match.test(key));
      if (!failure) return next();
      failure.times -= 1;
      if (failure.retryAfter) res.setHeader('retry-after', failure.retryAfter);
      res
        .status(failure.status)
        .type('application/scim+json')
        .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(failure.status), detail: failure.detail });
    });
    // Express 5 parses req.query anew on every read, so scimmy-routers' cast of startIndex and
    // count to numbers would be lost (and paging ignored): the query is made a plain value once.
    app.use('/scim/v2', (req, _res, next) => {
      Object.defineProperty(req, 'query', { value: { ...req.query }, writable: true, configurable: true, enumerable: true });
      next();
    });
    app.use(
      '/scim/v2',
      new SCIMMYRouters({
        type: 'bearer',
        handler: (req: Request) => {
          if (req.header('authorization') !== `Bearer ${this.token}`) throw new Error('Authorization failed');
          return 'frontdoor';
        },
        context: (req: Request): Context => ({ ifMatch: req.header('if-match') }),
      }),
    );
    SCIMMY.Config.set({ etag: { supported: true } });
    this.server = createServer(app);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/scim/v2`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  addUser(userName: string, extra: Record<string, unknown> = {}): string {
    return this.store(this.users, { userName, active: true, ...extra }).id;
  }

  addGroup(displayName: string): string {
    return this.store(this.groups, { displayName, members: [] }).id;
  }

  user(userName: string): Record<string, unknown> | undefined {
    const found = [...this.users.values()].find((u) => String(u.data.userName).toLowerCase() === userName.toLowerCase());
    return found ? { id: found.id, version: found.version, ...found.data } : undefined;
  }

  usersNamed(userName: string): number {
    return [...this.users.values()].filter((u) => String(u.data.userName).toLowerCase() === userName.toLowerCase()).length;
  }

  /** The userNames of a group's members. */
  members(displayName: string): string[] {
    const group = [...this.groups.values()].find((g) => g.data.displayName === displayName);
    const members = (group?.data.members ?? []) as Array<{ value: string }>;
    return members.map((m) => String(this.users.get(m.value)?.data.userName ?? m.value)).sort();
  }

  /** Puts the user in the group (a member reference by id, as RFC 7643 §4.2 has it). */
  addMember(displayName: string, userId: string): void {
    const group = [...this.groups.values()].find((g) => g.data.displayName === displayName);
    if (!group) throw new Error(`no group ${displayName}`);
    group.data.members = [...((group.data.members ?? []) as Array<{ value: string }>), { value: userId }];
    group.version += 1;
  }

  /** Changes a user's stored attributes, as an administrator of the service would. */
  changeUser(userName: string, change: (data: Record<string, unknown>) => void): void {
    const found = [...this.users.values()].find((u) => String(u.data.userName).toLowerCase() === userName.toLowerCase());
    if (!found) throw new Error(`no user ${userName}`);
    change(found.data);
    found.version += 1;
    found.lastModified = new Date();
  }

  /** The next `times` requests whose "METHOD url" matches get this SCIM error (and Retry-After, when given). */
  failWhen(match: RegExp, status: number, detail: string, times = 1, options: { retryAfter?: string } = {}): void {
    this.failures.push({ match, status, detail, times, ...options });
  }

  /** Answers normally again: failures not yet used are dropped. */
  clearFailures(): void {
    this.failures = [];
  }

  /** The next request whose "METHOD url" matches is answered after `ms` (a service that hangs). */
  answerSlowly(match: RegExp, ms: number): void {
    this.slow.push({ match, ms });
  }

  /** Someone else changes this user right after each of the next `times` reads: its version moves on. */
  changeAfterNextRead(userName: string, times = 1): void {
    this.changeBehind.set(userName.toLowerCase(), times);
  }

  private store(table: Map<string, StoredResource>, data: Record<string, unknown>): StoredResource {
    const now = new Date();
    const row = { id: randomUUID(), version: 1, created: now, lastModified: now, data };
    table.set(row.id, row);
    return row;
  }

  private view(row: StoredResource, resourceType: string): Record<string, unknown> {
    // A group whose last member left has no members attribute stored; scimmy's filters need the list.
    const members = resourceType === 'Group' && row.data.members == null ? { members: [] } : {};
    return { ...row.data, ...members, id: row.id, meta: { resourceType, created: row.created, lastModified: row.lastModified, version: `W/"${row.version}"` } };
  }

  private egress(
    table: Map<string, StoredResource>,
    resourceType: string,
    resource: { id?: string; filter?: { match(values: unknown[]): unknown[] } },
  ): Record<string, unknown> | Array<Record<string, unknown>> {
    if (resource.id) {
      const row = table.get(resource.id);
      if (!row) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
      const view = this.view(row, resourceType);
      const name = String(row.data.userName ?? '').toLowerCase();
      const changes = this.changeBehind.get(name) ?? 0;
      if (changes > 0) {
        this.changeBehind.set(name, changes - 1);
        row.version += 1;
        row.lastModified = new Date();
      }
      return view;
    }
    const all = [...table.values()].map((row) => this.view(row, resourceType));
    return resource.filter ? (resource.filter.match(all) as Array<Record<string, unknown>>) : all;
  }

  private ingress(
    table: Map<string, StoredResource>,
    resourceType: string,
    resource: { id?: string },
    instance: Record<string, unknown>,
    ctx: Context,
  ): Record<string, unknown> {
    const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
    delete data.id;
    delete data.meta;
    delete data.schemas;
    if (resourceType === 'User') {
      const userName = String(data.userName).toLowerCase();
      const clash = [...table.values()].find((u) => String(u.data.userName).toLowerCase() === userName && u.id !== resource.id);
      if (clash) throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${String(data.userName)} is already in use`);
      if (data[enterpriseSchema] === undefined) delete data[enterpriseSchema];
    }
    if (!resource.id) return this.view(this.store(table, data), resourceType);
    const row = table.get(resource.id);
    if (!row) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
    if (ctx.ifMatch && ctx.ifMatch !== '*' && ctx.ifMatch !== `W/"${row.version}"`) {
      throw new SCIMMY.Types.Error(412, null!, 'Failed to update. Resource changed on the server.');
    }
    row.data = data;
    row.version += 1;
    row.lastModified = new Date();
    return this.view(row, resourceType);
  }
}
