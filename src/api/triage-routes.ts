import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Auth } from '../auth/index.js';
import { triageResolutionSchema } from '../triage/triage-item.js';
import type { TriageService } from '../triage/triage-service.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const triageItemView = z.object({
  id: z.string(),
  channel: z.string(),
  conversationId: z.string(),
  personId: z.string(),
  text: z.string(),
  candidates: z.array(z.object({ intent: z.string(), confidence: z.number() })),
  transcript: z.array(z.string()),
  dialog: z.object({ requestTypeId: z.string(), fields: z.record(z.string(), z.unknown()) }).optional(),
  status: z.enum(['open', 'resolved']),
  resolution: triageResolutionSchema.optional(),
  resolvedBy: z.string().optional(),
  createdAt: z.string(),
  resolvedAt: z.string().optional(),
});

/** The service desk's queue: messages the engine could not place and hand-offs. */
export function triageRoutes(deps: { triage: TriageService; auth: Auth }): FastifyPluginAsyncZod {
  return async (app) => {
    const agentOnly = deps.auth.requireRole('agent');

    app.get('/api/v1/triage', {
      preHandler: agentOnly,
      schema: {
        tags: ['triage'], summary: 'Triage items, oldest first', security,
        querystring: z.object({ status: z.enum(['open', 'resolved']).optional() }),
        response: { 200: z.object({ items: z.array(triageItemView) }), ...authErrors },
      },
    }, async (request) => ({ items: await deps.triage.list(request.query.status) }));

    app.post('/api/v1/triage/:id/resolve', {
      preHandler: agentOnly,
      schema: {
        tags: ['triage'],
        summary: 'Resolve an item: pick the intent (the employee\'s dialog starts) or answer as a person',
        security,
        params: z.object({ id: z.string().min(1).max(100) }),
        body: triageResolutionSchema,
        response: { 200: triageItemView, 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.triage.resolve(request.params.id, principalOf(request).person, request.body));
  };
}
