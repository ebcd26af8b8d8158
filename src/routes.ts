import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from './deps.js';
import { peopleRoutes } from './api/people-routes.js';

/** Every route plugin of the app, in one list: channels, the REST API, the web pages. */
export function routePlugins(deps: Deps): FastifyPluginAsync[] {
  return [
    peopleRoutes(deps.directory, deps.config),
  ];
}
