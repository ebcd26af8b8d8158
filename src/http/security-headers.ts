import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Answers that carry people's data: never kept by a browser or a proxy (the console's static assets carry none). */
const personal = /^\/(api\/|v3\/directline\/|console(\/(?!assets\/)|$|\?)|sign-in|sign-out|signed-out)/;

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
    if (personal.test(request.url)) reply.header('cache-control', 'no-store');
  });
}
