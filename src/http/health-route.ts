import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../store/store.js';

export function healthRoute(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', {
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database status',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.object({ ok: z.boolean(), dialect: z.string() }) }),
          503: z.object({ status: z.literal('degraded'), database: z.object({ ok: z.boolean(), dialect: z.string() }) }),
        },
      },
    }, async (_req, reply) => {
      const database = await store.health();
      if (!database.ok) return reply.status(503).send({ status: 'degraded' as const, database });
      return { status: 'ok' as const, database };
    });
  };
}
