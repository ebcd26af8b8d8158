import { requestNumberIn } from '../request-type-hint.js';
import { say } from '../turn-context.js';
import type { IntentHandler } from './intent-handler.js';

/** "Cancel REQ-1042": the lifecycle checks that it is theirs and still cancellable. */
export const cancelIntent: IntentHandler = async (ctx, { text }) => {
  const number = requestNumberIn(text);
  if (!number) {
    const open = await ctx.deps.lifecycle.status(ctx.person, {});
    return [say('Which request should I cancel? Say for example "cancel REQ-1042".'), { kind: 'status', requests: open, emptyText: 'You have no open requests to cancel.' }];
  }
  const result = await ctx.deps.lifecycle.cancel({ person: ctx.person, number, channel: ctx.turn.channel });
  return [say(result.message)];
};
