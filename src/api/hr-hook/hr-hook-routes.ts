import type { FastifyPluginAsync } from 'fastify';
import type { LifecycleContext } from '../../requests/lifecycle-context.js';
import { receiveHrEvent } from '../../requests/hr-events/receive-hr-event.js';
import { hrSignatureHeader, verifyHrSignature } from './hr-signature.js';

export const hrHookPath = '/hooks/hr';

/**
 * POST /hooks/hr: joiner, mover and leaver events from the HR system, signed with
 * HR_WEBHOOK_SECRET (docs/fulfilment.md, "Joiners, movers and leavers from HR"). In its own
 * encapsulated scope the body is kept raw, because the signature covers the exact bytes; a
 * request whose signature is missing, wrong or stale is refused (401) and only logged, never
 * stored. 202 accepted with the requests made, 409 an event id received before, 400 an event
 * of the wrong shape, 422 one its request refused (both stored for review).
 */
export function hrHookRoutes(deps: { secret: string; context: LifecycleContext }): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (_request, body, done) => done(null, body));
    app.post(hrHookPath, { schema: { hide: true } }, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers[hrSignatureHeader];
      const verdict = verifyHrSignature(typeof header === 'string' ? header : undefined, raw, deps.secret, deps.context.now());
      if (!verdict.ok) {
        request.log.warn({ problem: verdict.problem }, 'an HR event was refused: its signature did not check out');
        return reply.status(401).send({ error: 'Unauthorized', message: 'The signature is missing, wrong or outside the five-minute window' });
      }
      const receipt = await receiveHrEvent(deps.context, parseJson(raw));
      switch (receipt.status) {
        case 'accepted':
          return reply.status(202).send({ status: 'accepted', eventId: receipt.eventId, requests: receipt.requestNumbers });
        case 'duplicate':
          return reply.status(409).send({ error: 'Conflict', message: `Event ${receipt.eventId} was received before; it is not processed again` });
        case 'rejected':
          return reply.status(receipt.invalid === 'shape' ? 400 : 422).send({ error: receipt.invalid === 'shape' ? 'Bad Request' : 'Unprocessable Entity', message: `The event was refused: ${receipt.reason}` });
      }
    });
  };
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
