import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ThrottledError } from '../shared/errors.js';

export interface RateLimitSettings {
  /** Requests a minute for one person (their credential) or, without one, one address. */
  perMinute: number;
  /** Web chat tokens and conversations started a minute from one address. */
  tokensPerMinute: number;
}

/** Issuing web chat credentials: the cheapest way to make the server do work for nobody. */
const tokenRoutes = new Set(['/v3/directline/tokens/generate', '/v3/directline/tokens/refresh', '/v3/directline/conversations']);
/** Limited: the API and the Direct Line routes. Slack signs its requests and retries on 429; pages are static. */
const limited = /^\/(api\/|v3\/directline\/)/;

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/** The person a request speaks for, as far as the request says so before authentication runs. */
function credentialOf(request: FastifyRequest): string | undefined {
  const bearer = request.headers.authorization;
  const claimed = request.headers['x-frontdoor-person'];
  const credential = bearer ?? (typeof claimed === 'string' ? claimed.toLowerCase() : undefined);
  return credential ? createHash('sha256').update(credential).digest('base64url').slice(0, 22) : undefined;
}

/** Per-person and per-address limits with @fastify/rate-limit; a refusal reads like every other 429. */
export async function installRateLimits(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    allowList: (request) => !limited.test(pathOf(request)),
    keyGenerator: (request) => {
      const path = pathOf(request);
      if (tokenRoutes.has(path)) return `tokens:${request.ip}`;
      const credential = credentialOf(request);
      return credential ? `person:${credential}` : `address:${request.ip}`;
    },
    max: (request) => (tokenRoutes.has(pathOf(request)) ? settings.tokensPerMinute : settings.perMinute),
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => {
      const error = new ThrottledError(`Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} s.`);
      return Object.assign(error, { statusCode: 429 });
    },
  });
}
