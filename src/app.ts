import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from './deps.js';
import { installErrorHandler } from './http/error-handler.js';
import { healthRoute } from './http/health-route.js';
import { loggerOptions } from './logger.js';
import { routePlugins } from './routes.js';

/** Builds the one Fastify app: external plugins, then application plugins, then routes. */
export async function buildApp(deps: Deps, options: Pick<FastifyServerOptions, 'logger'> = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(deps.config.LOG_LEVEL),
    bodyLimit: 256 * 1024,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Frontdoor API', version: '1', description: 'IT service requests: catalog, requests, approvals, triage, manual tasks and audit.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoute(deps.store));
  for (const plugin of routePlugins(deps)) await app.register(plugin);

  app.addHook('onClose', async () => {
    await deps.close();
  });
  return app;
}
