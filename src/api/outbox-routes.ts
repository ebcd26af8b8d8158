import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Auth } from '../auth/index.js';
import type { DeadLetters } from '../notify/dead-letters.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const deadLetterView = z.object({
  id: z.number().int(),
  personId: z.string(),
  kinds: z.array(z.string()),
  requestNumbers: z.array(z.string()),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  createdAt: z.string(),
  deadAt: z.string().optional(),
  state: z.enum(['dead', 'pending', 'delivered']),
});

/** Notifications nobody could deliver (src/notify/dead-letters.ts): listed and retried by the service desk. */
export function outboxRoutes(deps: { deadLetters: DeadLetters; auth: Auth }): FastifyPluginAsyncZod {
  return async (app) => {
    const agentOnly = deps.auth.requireRole('agent');

    app.get('/api/v1/outbox/dead-letters', {
      preHandler: agentOnly,
      schema: {
        tags: ['outbox'], summary: 'Notifications whose attempts ran out, most recent first (service-desk agents only)', security,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ deadLetters: z.array(deadLetterView) }), ...authErrors },
      },
    }, async (request) => ({ deadLetters: await deps.deadLetters.list(request.query.limit) }));

    app.post('/api/v1/outbox/dead-letters/:id/retry', {
      preHandler: agentOnly,
      schema: {
        tags: ['outbox'],
        summary: 'Offer a dead letter to the person\'s channels again, from its first attempt; answers its state afterwards (audited)',
        security,
        params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: deadLetterView, 404: errorBody, ...authErrors },
      },
    }, async (request) => deps.deadLetters.retry(request.params.id, principalOf(request).person.id));
  };
}
