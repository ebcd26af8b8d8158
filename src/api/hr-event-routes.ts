import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Auth } from '../auth/index.js';
import type { LifecycleContext } from '../requests/lifecycle-context.js';
import { decideOldAccess } from '../requests/hr-events/old-access-decision.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const hrEventView = z.object({
  eventId: z.string().nullable(),
  type: z.string().nullable(),
  status: z.enum(['accepted', 'rejected', 'duplicate']),
  reason: z.string().nullable(),
  requests: z.array(z.string()),
  oldAccess: z.array(z.string()).nullable(),
  receivedAt: z.string(),
  /** The event as received, without a personal email. */
  body: z.unknown(),
});

/**
 * HR events as received (POST /hooks/hr), for the service desk to review the rejected ones;
 * and a mover's new manager deciding which old access goes.
 */
export function hrEventRoutes(deps: { auth: Auth; lifecycleContext: LifecycleContext }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/hr/events', {
      preHandler: deps.auth.requireRole('agent'),
      schema: {
        tags: ['hr'], summary: 'HR events received, most recent first, of one status when asked (service-desk agents only)', security,
        querystring: z.object({ status: z.enum(['accepted', 'rejected', 'duplicate']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ events: z.array(hrEventView) }), ...authErrors },
      },
    }, async (request) => {
      const rows = await deps.lifecycleContext.store.read.hrEvents.list(request.query);
      return {
        events: rows.map((r) => ({
          eventId: r.eventId, type: r.type, status: r.status, reason: r.reason, requests: r.requestNumbers,
          oldAccess: r.oldAccess, receivedAt: new Date(r.receivedAt).toISOString(), body: r.body,
        })),
      };
    });

    app.post('/api/v1/hr/events/:eventId/old-access', {
      preHandler: deps.auth.requireRole('approver'),
      schema: {
        tags: ['hr'], summary: "A mover's new manager removes old access they no longer need (the rest is kept): an access-change request", security,
        params: z.object({ eventId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/) }),
        body: z.object({ remove: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_:-]{0,99}$/)).min(1).max(100) }),
        response: { 201: z.object({ number: z.string(), status: z.string(), next: z.string() }), 404: errorBody, 409: errorBody, 422: errorBody, ...authErrors },
      },
    }, async (request, reply) => {
      const submitted = await decideOldAccess(deps.lifecycleContext, { eventId: request.params.eventId, actor: principalOf(request).person, remove: request.body.remove });
      return reply.status(201).send({ number: submitted.number, status: submitted.status, next: submitted.next });
    });
  };
}
