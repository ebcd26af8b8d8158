import { IntegrationError } from '../../src/shared/errors.js';
import type { IdentityCredentials } from './manifest.js';
import { retryAfter } from './retry-after.js';

export interface IdentityUser {
  id: string;
  status: string;
  profile: { login: string; email: string; firstName?: string; lastName?: string; secondEmail?: string; [key: string]: unknown };
}

export interface IdentityGroup {
  id: string;
  profile: { name: string; description?: string };
}

/** What one step's call carries to every request it makes. */
export interface CallOptions {
  /** Sent as `Idempotency-Key` on calls that change something: the system applies one key once. */
  idempotencyKey?: string;
  /** The step's deadline; the request is aborted with it. */
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * HTTP to the identity system. Every non-2xx answer is an IntegrationError naming the
 * operation, with the vendor's error summary and never the token or a response body dump;
 * no answer, 5xx and 429 are retryable, with the system's Retry-After when it sends one.
 */
export class IdentityTransport {
  constructor(private readonly credentials: IdentityCredentials, private readonly timeoutMs = 10_000) {}

  async send<T>(operation: string, method: Method, path: string, body?: unknown, options: CallOptions = {}): Promise<T> {
    const answer = await this.request(operation, method, path, body, options);
    if (!answer.ok) throw answer.error;
    return answer.value as T;
  }

  /** The user with this login (or id), or undefined when the system has none. */
  async lookUpUser(operation: string, login: string, options: CallOptions = {}): Promise<IdentityUser | undefined> {
    const answer = await this.request(operation, 'GET', userPath(login), undefined, options);
    if (answer.ok) return answer.value as IdentityUser;
    if (answer.status === 404) return undefined;
    throw answer.error;
  }

  async findUser(operation: string, login: string, options: CallOptions = {}): Promise<IdentityUser> {
    return this.send<IdentityUser>(operation, 'GET', userPath(login), undefined, options);
  }

  async findGroup(operation: string, name: string, options: CallOptions = {}): Promise<IdentityGroup> {
    const groups = await this.send<IdentityGroup[]>(operation, 'GET', `/api/v1/groups?q=${encodeURIComponent(name)}`, undefined, options);
    const group = (groups ?? []).find((g) => g.profile.name === name);
    if (!group) throw new IntegrationError('identity', operation, `there is no group ${name}`);
    return group;
  }

  private async request(operation: string, method: Method, path: string, body: unknown, options: CallOptions): Promise<{ ok: true; value: unknown } | { ok: false; status: number; error: IntegrationError }> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(new URL(path, this.credentials.baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          authorization: `SSWS ${this.credentials.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method !== 'GET' && options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal ? AbortSignal.any([deadline, options.signal]) : deadline,
      });
    } catch (error) {
      throw new IntegrationError('identity', operation, 'the identity system did not answer', { cause: error, retryable: true });
    }
    const text = await response.text();
    if (!response.ok) {
      const retryable = response.status >= 500 || response.status === 429;
      const retryAfterMs = retryable ? retryAfter(response.headers.get('retry-after')) : undefined;
      const error = new IntegrationError('identity', operation, `HTTP ${response.status}${summary(text)}`, { retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
      return { ok: false, status: response.status, error };
    }
    if (!text) return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      throw new IntegrationError('identity', operation, 'the identity system answered with something that is not JSON', { cause: error });
    }
  }
}

function userPath(login: string): string {
  return `/api/v1/users/${encodeURIComponent(login)}`;
}


// Okta-style errors: { errorCode, errorSummary }. Only the summary, and only a short one.
function summary(text: string): string {
  try {
    const parsed = JSON.parse(text) as { errorSummary?: unknown };
    if (typeof parsed.errorSummary === 'string') return `: ${parsed.errorSummary.slice(0, 200)}`;
  } catch {
    // not JSON: say nothing more
  }
  return '';
}
