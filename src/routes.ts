import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from './deps.js';

/** Every route plugin of the app, in one list: channels, the REST API, the web pages. */
export function routePlugins(_deps: Deps): FastifyPluginAsync[] {
  return [];
}
