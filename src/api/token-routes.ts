import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, roleSchema, type Auth, type TokenService } from '../auth/index.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const tokenView = z.object({
  id: z.string(),
  personId: z.string(),
  roles: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});

/** Administrators list, issue and revoke API tokens (as `npm run cli -- token ...` does), audited. */
export function tokenRoutes(deps: { tokens: TokenService; auth: Auth }): FastifyPluginAsyncZod {
  return async (app) => {
    const admin = deps.auth.requireRole('admin');
    const operator = (request: Parameters<typeof principalOf>[0]) => ({ id: principalOf(request).person.id, channel: 'api' as const });

    app.get('/api/v1/tokens', {
      preHandler: admin,
      schema: { tags: ['tokens'], summary: 'Every API token: whose, roles, expiry, last use, state (never the token)', security, response: { 200: z.object({ tokens: z.array(tokenView) }), ...authErrors } },
    }, async () => ({ tokens: await deps.tokens.list() }));

    app.post('/api/v1/tokens', {
      preHandler: admin,
      schema: {
        tags: ['tokens'], summary: 'Issue a token for a directory person; the token is in this answer only', security,
        body: z.strictObject({ email: z.email().max(320), roles: z.array(roleSchema).min(1).max(10), expiresInDays: z.number().int().min(1).max(3650).optional() }),
        response: { 201: z.object({ id: z.string(), token: z.string(), personId: z.string(), roles: z.array(z.string()), expiresAt: z.string() }), ...authErrors },
      },
    }, async (request, reply) => reply.status(201).send(await deps.tokens.create(request.body, operator(request))));

    app.post('/api/v1/tokens/:id/revoke', {
      preHandler: admin,
      schema: {
        tags: ['tokens'], summary: 'Revoke a token at once; web chat tokens issued from it stop refreshing', security,
        params: z.object({ id: z.uuid() }),
        response: { 200: tokenView, 404: errorBody, ...authErrors },
      },
    }, async (request) => deps.tokens.revoke(request.params.id, operator(request)));
  };
}
