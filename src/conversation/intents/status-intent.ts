import { requestNumberIn, requestTypeHint } from '../request-type-hint.js';
import type { IntentHandler } from './intent-handler.js';

/** "Where is REQ-1042?", "where is my laptop?", or all open requests. */
export const statusIntent: IntentHandler = async (ctx, { text }) => {
  const number = requestNumberIn(text);
  const requestType = number ? undefined : requestTypeHint(ctx.deps.catalog, text);
  const query = number ? { number } : requestType ? { requestTypeId: requestType.id, includeClosed: true } : {};
  const requests = await ctx.deps.lifecycle.status(ctx.person, query);
  const emptyText = number ? `I could not find ${number} among your requests.`
    : requestType ? `You have no ${requestType.title} requests.`
    : 'You have no open requests.';
  return [{ kind: 'status', requests, emptyText }];
};
