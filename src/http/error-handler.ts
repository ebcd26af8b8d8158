import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { FrontdoorError, ValidationError } from '../shared/errors.js';

/**
 * The one HTTP error policy: a 4xx says why (with field errors for bad input), a 5xx says
 * nothing internal; the log has the detail.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fieldErrors: Record<string, string> = {};
      for (const v of error.validation) {
        const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || '(body)';
        fieldErrors[path] = v.message ?? 'is invalid';
      }
      return reply.status(400).send({ error: 'validation', message: `Invalid ${error.validationContext ?? 'request'}`, fieldErrors });
    }
    if (error instanceof ValidationError) {
      return reply.status(400).send({ error: error.code, message: error.userMessage, fieldErrors: error.fieldErrors });
    }
    if (error instanceof FrontdoorError && error.httpStatus < 500) {
      request.log.info({ code: error.code }, error.userMessage);
      return reply.status(error.httpStatus).send({ error: error.code, message: error.userMessage });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own 4xx (bad JSON, payload too large, unsupported media type).
      return reply.status(status).send({ error: error.code ?? 'bad_request', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    const upstream = error instanceof FrontdoorError ? error.httpStatus : 500;
    return reply.status(upstream).send({ error: 'internal', message: 'Something went wrong on our side. It has been logged.' });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` });
  });
}
