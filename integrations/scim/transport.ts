import {
  DelegateBackoff,
  ExponentialBackoff,
  TaskCancelledError,
  handleWhen,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type IBackoff,
  type IRetryBackoffContext,
} from 'cockatiel';
import type { z } from 'zod';
import { IntegrationError } from '../../src/shared/errors.js';
import { retryAfter } from '../identity/retry-after.js';
import type { ScimCallSettings, ScimCredentials } from './manifest.js';
import {
  filterValue,
  listResponse,
  patchOpSchema,
  scimError,
  scimGroup,
  scimUser,
  type PatchOperation,
  type ScimGroup,
  type ScimUser,
} from './scim-resources.js';

/** What one step's call carries to every request it makes. */
export interface CallOptions {
  /** The step's deadline; waits and requests end with it. */
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PATCH';
type Answer = { ok: true; status: number; etag: string | undefined; body: unknown } | { ok: false; status: number; error: IntegrationError };

/** A non-2xx answer, with its status for the callers that treat some (409, 412) as answers. */
class ScimAnswerError extends IntegrationError {
  constructor(
    readonly status: number,
    operation: string,
    message: string,
    options: { retryable: boolean; retryAfterMs?: number },
  ) {
    super('identity', operation, message, options);
  }
}

const scimJson = 'application/scim+json';

/**
 * HTTP to a SCIM 2.0 service: bearer token, application/scim+json, If-Match with the
 * resource's version when the service offers one. Each request runs under a cockatiel
 * timeout and a few quick retries of answers the service may not give again; every non-2xx
 * answer becomes an IntegrationError naming the operation with the SCIM error's status,
 * scimType and detail (never the token, never a body dump). No answer, 5xx and 429 are
 * retryable, with the service's Retry-After when it sends one.
 */
export class ScimTransport {
  private readonly policy;

  constructor(
    private readonly credentials: ScimCredentials,
    settings: ScimCallSettings,
  ) {
    const exponential = new ExponentialBackoff({ initialDelay: settings.firstBackoffMs, maxDelay: settings.maxBackoffMs });
    // Jittered exponential backoff, or the service's Retry-After when it asks for longer.
    const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<IRetryBackoffContext<unknown>> | undefined>((context, previous) => {
      const next = (previous ?? exponential).next(context);
      const asked = 'error' in context.result && context.result.error instanceof IntegrationError ? (context.result.error.retryAfterMs ?? 0) : 0;
      return { delay: Math.max(next.duration, asked), state: next };
    });
    const quickly = handleWhen((error) => error instanceof IntegrationError && error.retryable && (error.retryAfterMs ?? 0) <= settings.longestRetryAfterMs);
    this.policy = wrap(retry(quickly, { maxAttempts: settings.retries, backoff }), timeout(settings.timeoutMs, TimeoutStrategy.Aggressive));
  }

  /**
   * The user with this userName, or undefined when the service has none. userNames are work
   * emails, kept in lower case: RFC 7643 makes userName case-insensitive, not every service does.
   */
  async findUser(operation: string, userName: string, call: CallOptions): Promise<ScimUser | undefined> {
    return this.findOne(operation, 'Users', `userName eq ${filterValue(userName.toLowerCase())}`, scimUser, call);
  }

  async user(operation: string, userName: string, call: CallOptions): Promise<ScimUser> {
    const user = await this.findUser(operation, userName, call);
    if (!user) throw new IntegrationError('identity', operation, `there is no user ${userName}`);
    return user;
  }

  async userById(operation: string, id: string, call: CallOptions): Promise<ScimUser> {
    return this.read(operation, `Users/${encodeURIComponent(id)}`, scimUser, call);
  }

  async group(operation: string, displayName: string, call: CallOptions): Promise<ScimGroup> {
    const group = await this.findOne(operation, 'Groups', `displayName eq ${filterValue(displayName)}`, scimGroup, call);
    if (!group) throw new IntegrationError('identity', operation, `there is no group ${displayName}`);
    return group;
  }

  /** The groups whose members include the user (RFC 7644 §3.4.2.2 value filter on members). */
  async groupsOf(operation: string, userId: string, call: CallOptions): Promise<ScimGroup[]> {
    const filter = `members[value eq ${filterValue(userId)}]`;
    const list = await this.read(operation, `Groups?filter=${encodeURIComponent(filter)}`, listResponse(scimGroup), call);
    return list.Resources ?? [];
  }

  async groupById(operation: string, id: string, call: CallOptions): Promise<ScimGroup> {
    return this.read(operation, `Groups/${encodeURIComponent(id)}`, scimGroup, call);
  }

  /** Creates a user; 'exists' when the service answers 409 (someone, maybe an earlier call of this step, has the userName). */
  async createUser(operation: string, user: Record<string, unknown>, call: CallOptions): Promise<ScimUser | 'exists'> {
    const answer = await this.request(operation, 'POST', 'Users', user, undefined, call);
    if (!answer.ok && answer.status === 409) return 'exists';
    if (!answer.ok) throw answer.error;
    return this.parse(operation, scimUser, answer.body);
  }

  /**
   * Changes a resource with PATCH, sending If-Match with the version it was read at. When the
   * service says it changed since (412), it is read again and `change` decides again once:
   * nothing left to do, or the operations for what it is now. Changed again meanwhile: the step
   * may do better later (retryable).
   */
  async patch<R extends { id: string; meta?: { version?: string | undefined } | undefined }>(
    operation: string,
    resource: { path: 'Users' | 'Groups'; current: R; reread: () => Promise<R> },
    change: (current: R) => PatchOperation[],
    call: CallOptions,
  ): Promise<void> {
    let current = resource.current;
    for (let attempt = 1; ; attempt += 1) {
      const operations = change(current);
      if (operations.length === 0) return;
      const path = `${resource.path}/${encodeURIComponent(current.id)}`;
      const answer = await this.request(operation, 'PATCH', path, { schemas: [patchOpSchema], Operations: operations }, current.meta?.version, call);
      if (answer.ok) return;
      if (answer.status !== 412) throw answer.error;
      if (attempt === 2)
        throw new IntegrationError('identity', operation, 'the resource changed again while it was being changed (HTTP 412)', { retryable: true });
      current = await resource.reread();
    }
  }

  /**
   * Every resource under `path`, page by page (startIndex and count, RFC 7644 §3.4.2.4),
   * until totalResults are read or a page comes back empty. Any page failing fails the list:
   * half a list would read as people and memberships gone.
   */
  async listAll<S extends z.ZodType>(operation: string, path: 'Users' | 'Groups', schema: S, pageSize: number, call: CallOptions): Promise<Array<z.infer<S>>> {
    const byId = new Map<string, z.infer<S>>();
    for (let startIndex = 1; ; ) {
      const page = await this.read(operation, `${path}?startIndex=${startIndex}&count=${pageSize}`, listResponse(schema), call);
      const resources = (page.Resources ?? []) as Array<z.infer<S> & { id: string }>;
      const before = byId.size;
      for (const resource of resources) byId.set(resource.id, resource);
      startIndex += resources.length;
      if (byId.size >= page.totalResults) return [...byId.values()];
      // A page with nothing new: the list ended early, or the service ignores startIndex.
      if (byId.size === before) {
        throw new IntegrationError('identity', operation, `the SCIM service listed ${byId.size} of ${page.totalResults} ${path.toLowerCase()}; it does not page as asked (startIndex, count)`);
      }
    }
  }

  private async findOne<S extends z.ZodType>(
    operation: string,
    path: 'Users' | 'Groups',
    filter: string,
    schema: S,
    call: CallOptions,
  ): Promise<z.infer<S> | undefined> {
    const list = await this.read(operation, `${path}?filter=${encodeURIComponent(filter)}`, listResponse(schema), call);
    const found = list.Resources ?? [];
    if (found.length > 1) throw new IntegrationError('identity', operation, `more than one ${path === 'Users' ? 'user' : 'group'} matches ${filter}`);
    return found[0];
  }

  private async read<S extends z.ZodType>(operation: string, path: string, schema: S, call: CallOptions): Promise<z.infer<S>> {
    const answer = await this.request(operation, 'GET', path, undefined, undefined, call);
    if (!answer.ok) throw answer.error;
    const parsed = this.parse(operation, schema, answer.body);
    // The version is the resource's meta.version (RFC 7644 §3.14), else its ETag header.
    if (answer.etag && typeof parsed === 'object' && parsed && 'id' in parsed) {
      const withMeta = parsed as { meta?: { version?: string } };
      withMeta.meta = { ...withMeta.meta, version: withMeta.meta?.version ?? answer.etag };
    }
    return parsed;
  }

  private parse<S extends z.ZodType>(operation: string, schema: S, body: unknown): z.infer<S> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new IntegrationError('identity', operation, 'the SCIM service answered with something that is not a SCIM resource');
    return parsed.data;
  }

  private async request(operation: string, method: Method, path: string, body: unknown, ifMatch: string | undefined, call: CallOptions): Promise<Answer> {
    try {
      return await this.policy.execute(async ({ signal }) => {
        const answer = await this.once(operation, method, path, body, ifMatch, signal);
        if (!answer.ok && answer.error.retryable) throw answer.error;
        return answer;
      }, call.signal);
    } catch (error) {
      if (error instanceof ScimAnswerError) return { ok: false, status: error.status, error };
      if (error instanceof TaskCancelledError) {
        throw new IntegrationError('identity', operation, 'the SCIM service did not answer in time', { cause: error, retryable: true });
      }
      throw error;
    }
  }

  private async once(operation: string, method: Method, path: string, body: unknown, ifMatch: string | undefined, signal: AbortSignal): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(`${this.credentials.baseUrl.replace(/\/+$/, '')}/${path}`, {
        method,
        headers: {
          accept: `${scimJson}, application/json`,
          authorization: `Bearer ${this.credentials.token}`,
          ...(body === undefined ? {} : { 'content-type': scimJson }),
          ...(ifMatch ? { 'if-match': ifMatch } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw new TaskCancelledError();
      throw new IntegrationError('identity', operation, 'the SCIM service did not answer', { cause: error, retryable: true });
    }
    const text = await response.text();
    if (!response.ok) {
      const retryable = response.status >= 500 || response.status === 429;
      const retryAfterMs = retryable ? retryAfter(response.headers.get('retry-after')) : undefined;
      const error = new ScimAnswerError(response.status, operation, `HTTP ${response.status}${this.describe(text)}`, {
        retryable,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
      return { ok: false, status: response.status, error };
    }
    if (!text) return { ok: true, status: response.status, etag: response.headers.get('etag') ?? undefined, body: undefined };
    try {
      return { ok: true, status: response.status, etag: response.headers.get('etag') ?? undefined, body: JSON.parse(text) };
    } catch (error) {
      throw new IntegrationError('identity', operation, 'the SCIM service answered with something that is not JSON', { cause: error });
    }
  }

  /** A SCIM error's scimType and detail, short, without the token should the service echo it. */
  private describe(text: string): string {
    let parsed: z.infer<typeof scimError> | undefined;
    try {
      parsed = scimError.safeParse(JSON.parse(text)).data;
    } catch {
      // not JSON: say nothing more
    }
    if (!parsed) return '';
    const detail = parsed.detail?.split(this.credentials.token).join('[token]').slice(0, 200);
    return `${parsed.scimType ? ` (${parsed.scimType})` : ''}${detail ? `: ${detail}` : ''}`;
  }
}

