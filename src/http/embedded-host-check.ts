import type { FastifyInstance } from 'fastify';
import { ForbiddenError } from '../shared/errors.js';
import { hostOfHeader, isLoopbackHost } from '../config/loopback.js';

/**
 * The embedded mode trusts whoever says who they are, so it answers only requests addressed
 * to this machine by a loopback name: a web page elsewhere that rebinds its own DNS name to
 * 127.0.0.1 still sends its own name as Host, and is refused.
 */
export function installEmbeddedHostCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!isLoopbackHost(hostOfHeader(request.headers.host))) {
      throw new ForbiddenError('The embedded mode answers only on this machine (Host must be localhost, 127.0.0.1 or [::1]).');
    }
  });
}
