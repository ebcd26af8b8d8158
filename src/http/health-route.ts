import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../store/store.js';

const database = z.object({ ok: z.boolean(), dialect: z.string() });
/** Dead letters: notifications whose attempts ran out (the service desk lists and retries them at /api/v1/outbox/dead-letters). */
const outbox = z.object({ deadLetters: z.number().int().min(0) });

export function healthRoute(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', {
      // Probes call it every few seconds: only problems are logged.
      logLevel: 'warn',
      schema: {
        tags: ['platform'],
        summary: 'Liveness, database status and the outbox\'s dead letters',
        response: {
          200: z.object({ status: z.literal('ok'), database, outbox }),
          503: z.object({ status: z.literal('degraded'), database }),
        },
      },
    }, async (_req, reply) => {
      const db = await store.health();
      if (!db.ok) return reply.status(503).send({ status: 'degraded' as const, database: db });
      return { status: 'ok' as const, database: db, outbox: { deadLetters: await store.read.outbox.countDeadLetters() } };
    });
  };
}
