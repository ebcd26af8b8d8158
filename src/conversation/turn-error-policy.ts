import { FrontdoorError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Reply } from '../messages/reply.js';
import type { Turn } from '../messages/turn.js';

export const somethingWentWrong = 'Sorry, something went wrong on our side; it has been logged.';

/** The one answer to a failed turn: a FrontdoorError's safe message, else an apology; detail to the log only. */
export function turnErrorReplies(error: unknown, turn: Turn, logger: Logger): Reply[] {
  const where = { channel: turn.channel, conversationId: turn.conversationId, personId: turn.person.id, action: turn.action?.id };
  if (error instanceof FrontdoorError) {
    if (error.httpStatus < 500) logger.info({ ...where, code: error.code }, error.userMessage);
    else logger.error({ ...where, err: error }, 'conversation turn failed');
    return [{ kind: 'text', text: error.userMessage }];
  }
  logger.error({ ...where, err: error }, 'conversation turn failed');
  return [{ kind: 'text', text: somethingWentWrong }];
}
