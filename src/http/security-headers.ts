import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Answers that carry people's data: never kept by a browser or a proxy, unless the route
 * itself says how its answer is cached (the console's stylesheet and scripts carry nothing
 * personal and are served for a while).
 */
const personal = /^\/(api\/|v3\/directline\/|console(\/|$|\?)|sign-in|sign-out|signed-out)/;

/**
 * Security headers on every response (@fastify/helmet; the web chat page and the console's
 * pages set their own content security policy), and `Cache-Control: no-store` on personal data.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onSend', async (request, reply) => {
    if (personal.test(request.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}
