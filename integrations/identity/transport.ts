import { IntegrationError } from '../../src/shared/errors.js';
import type { IdentityCredentials } from './manifest.js';

export interface IdentityUser {
  id: string;
  status: string;
  profile: { login: string; email: string; firstName?: string; lastName?: string; [key: string]: unknown };
}

export interface IdentityGroup {
  id: string;
  profile: { name: string; description?: string };
}

/**
 * HTTP to the identity system. Every non-2xx answer is an IntegrationError naming the
 * operation, with the vendor's error summary and never the token or a response body dump.
 */
export class IdentityTransport {
  constructor(private readonly credentials: IdentityCredentials, private readonly timeoutMs = 10_000) {}

  async send<T>(operation: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.credentials.baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          authorization: `SSWS ${this.credentials.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new IntegrationError('identity', operation, 'the identity system did not answer', { cause: error, retryable: true });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new IntegrationError('identity', operation, `HTTP ${response.status}${summary(text)}`, { retryable: response.status >= 500 || response.status === 429 });
    }
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new IntegrationError('identity', operation, 'the identity system answered with something that is not JSON', { cause: error });
    }
  }

  async findUser(operation: string, login: string): Promise<IdentityUser> {
    return this.send<IdentityUser>(operation, 'GET', `/api/v1/users/${encodeURIComponent(login)}`);
  }

  async findGroup(operation: string, name: string): Promise<IdentityGroup> {
    const groups = await this.send<IdentityGroup[]>(operation, 'GET', `/api/v1/groups?q=${encodeURIComponent(name)}`);
    const group = (groups ?? []).find((g) => g.profile.name === name);
    if (!group) throw new IntegrationError('identity', operation, `there is no group ${name}`);
    return group;
  }
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
