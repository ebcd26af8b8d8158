import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../store/store.js';

const database = z.object({ ok: z.boolean(), dialect: z.string() });
/** Dead letters: notifications whose attempts ran out (the service desk lists and retries them at /api/v1/outbox/dead-letters). */
const outbox = z.object({ deadLetters: z.number().int().min(0) });
/**
 * A synced directory (SCIM, LDAP): when it last synced, and why the last attempt failed. A
 * failed sync keeps the last good copy, so it is reported here without degrading the app.
 */
const directory = z.object({
  source: z.string(),
  ok: z.boolean(),
  people: z.number().int().min(0),
  lastSyncAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().optional(),
});

/** `directorySource`: the synced source's name (scim, ldap); left out for the file directory. */
export function healthRoute(store: Store, directorySource?: string): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', {
      // Probes call it every few seconds: only problems are logged.
      logLevel: 'warn',
      schema: {
        tags: ['platform'],
        summary: 'Liveness, database status, the outbox\'s dead letters and the directory\'s last sync',
        response: {
          200: z.object({ status: z.literal('ok'), database, outbox, directory: directory.optional() }),
          503: z.object({ status: z.literal('degraded'), database }),
        },
      },
    }, async (_req, reply) => {
      const db = await store.health();
      if (!db.ok) return reply.status(503).send({ status: 'degraded' as const, database: db });
      return {
        status: 'ok' as const,
        database: db,
        outbox: { deadLetters: await store.read.outbox.countDeadLetters() },
        ...(directorySource ? { directory: await directoryStatus(store, directorySource) } : {}),
      };
    });
  };
}

async function directoryStatus(store: Store, source: string): Promise<z.infer<typeof directory>> {
  const sync = await store.read.directory.syncStatus(source);
  const iso = (at: number | null | undefined) => (at ? new Date(at).toISOString() : null);
  return {
    source,
    ok: Boolean(sync?.lastSuccessAt) && !sync?.lastError,
    people: sync?.people ?? 0,
    lastSyncAt: iso(sync?.lastSuccessAt),
    lastAttemptAt: iso(sync?.lastAttemptAt),
    ...(sync?.lastError ? { lastError: sync.lastError } : {}),
  };
}
