import type { FastifyInstance } from 'fastify';
import { stripControlCharacters } from '../messages/plain-text.js';

/**
 * Every parsed JSON body loses its control characters before it is validated
 * (src/messages/plain-text.ts). Raw bodies (Slack's, kept as received for its signature) are
 * left to their channel.
 */
export function installControlCharacterStripping(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const body = request.body;
    if (Array.isArray(body) || (body && typeof body === 'object' && Object.getPrototypeOf(body) === Object.prototype)) request.body = stripControlCharacters(body);
  });
}
