import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IntegrationHealth } from '../fulfilment/integration-guard.js';
import { integrationPolicySchema } from '../config/integration-policy-settings.js';

const integration = z.object({
  integration: z.string(),
  breaker: z.enum(['closed', 'open', 'half-open', 'isolated']),
  openedAt: z.string().nullable(),
  halfOpensAt: z.string().nullable(),
  inFlight: z.number().int().min(0),
  queued: z.number().int().min(0),
  pausedUntil: z.string().nullable(),
  settings: integrationPolicySchema,
});

/**
 * GET /health/integrations: each integration's circuit breaker (and since when it is open),
 * its calls running and waiting, and until when it asked not to be called (429). What this
 * replica sees: breakers and pauses are per replica. Public like /health: it holds no
 * addresses, credentials, error texts or people, only states, counts, times and settings.
 */
export function integrationHealthRoute(read: () => IntegrationHealth[]): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health/integrations', {
      logLevel: 'warn',
      schema: {
        tags: ['platform'],
        summary: 'Circuit breakers, calls in flight and pauses of the integrations, on this replica',
        response: { 200: z.object({ integrations: z.array(integration) }) },
      },
    }, async (_req, reply) => {
      void reply.header('cache-control', 'no-store');
      return { integrations: read() };
    });
  };
}
