import type { FastifyError, FastifyInstance } from 'fastify';
import { FrontdoorError } from '../../shared/errors.js';
import { messagePage, sendPage } from './page-shell.js';

/**
 * The pages' error policy, in their own scope: the same decisions as the API's error handler
 * (a 4xx says why, a 5xx says nothing internal and is logged), answered as a page.
 */
export function installPageErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      request.log.info({ code: error.code }, 'a form without a valid CSRF token was refused');
      return sendPage(
        reply,
        messagePage({
          title: 'Form expired',
          heading: 'This form has expired',
          body: 'Nothing was changed. Go back, reload the page and try again.',
          action: { href: '/console', label: 'Back to the console' },
        }),
        403,
      );
    }
    if (error instanceof FrontdoorError && error.httpStatus < 500) {
      return sendPage(
        reply,
        messagePage({
          title: 'Not done',
          heading: 'That could not be done',
          body: error.userMessage,
          action: { href: '/console', label: 'Back to the console' },
        }),
        error.httpStatus,
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendPage(
        reply,
        messagePage({
          title: 'Not done',
          heading: 'That could not be done',
          body: 'The request was not understood. Go back and try again.',
          action: { href: '/console', label: 'Back to the console' },
        }),
        status,
      );
    }
    request.log.error({ err: error }, 'page failed');
    return sendPage(
      reply,
      messagePage({ title: 'Something went wrong', heading: 'Something went wrong on our side', body: 'It has been logged. Try again in a minute.' }),
      500,
    );
  });
}
