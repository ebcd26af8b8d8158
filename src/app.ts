import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from './deps.js';
import { installEmbeddedHostCheck } from './http/embedded-host-check.js';
import { installErrorHandler } from './http/error-handler.js';
import { installRateLimits } from './http/rate-limits.js';
import { installControlCharacterStripping } from './http/strip-control-characters.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { healthRoute } from './http/health-route.js';
import { integrationHealthRoute } from './http/integration-health-route.js';
import { logFormat, loggerOptions } from './shared/logger.js';
import { routePlugins } from './routes.js';

/** Builds the one Fastify app: external plugins, then application plugins, then routes. */
export async function buildApp(deps: Deps, options: Pick<FastifyServerOptions, 'logger'> = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.LOG_LEVEL, logFormat(config)),
    bodyLimit: 256 * 1024,
    trustProxy: config.TRUST_PROXY ?? false,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: 2 * config.REQUEST_TIMEOUT_MS,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  if (config.FRONTDOOR_MODE === 'embedded') {
    app.log.warn('FRONTDOOR_MODE=embedded: anyone who reaches this server can act as anyone in the directory. For a demo on this machine only; use FRONTDOOR_MODE=secure for real use.');
    if (config.FRONTDOOR_ALLOW_EMBEDDED_ON_NETWORK !== 'true') installEmbeddedHostCheck(app);
  }
  deps.metrics.installHttpTiming(app);
  installControlCharacterStripping(app);
  await installSecurityHeaders(app);
  await installRateLimits(app, { perMinute: config.RATE_LIMIT_PER_MINUTE, tokensPerMinute: config.TOKEN_RATE_LIMIT_PER_MINUTE });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Frontdoor API', version: '1', description: 'IT service requests: catalog, requests, approvals, triage, manual tasks and audit.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  if ((config.API_DOCS ?? (config.FRONTDOOR_MODE === 'embedded' ? 'true' : 'false')) === 'true') {
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  }

  // Sessions before any route, so every route (the web chat's token too) can see who is signed in.
  if (deps.signIn) await deps.signIn.install(app);
  await app.register(integrationHealthRoute(() => deps.integrationPolicies.health()));
  await app.register(healthRoute(deps.store, config.DIRECTORY_SOURCE === 'file' ? undefined : config.DIRECTORY_SOURCE));
  await app.register(deps.metrics.route(deps.store, () => Date.now(), config.METRICS_TOKEN));
  for (const plugin of routePlugins(deps)) await app.register(plugin);

  app.addHook('onClose', async () => {
    await deps.close();
  });
  return app;
}
