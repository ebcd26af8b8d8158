import { say } from '../turn-context.js';
import type { IntentHandler } from './intent-handler.js';

export const myApprovalsIntent: IntentHandler = async (ctx) => {
  const cards = await ctx.deps.lifecycle.pendingApprovals(ctx.person);
  if (cards.length === 0) return [say('Nothing is waiting for your approval.')];
  return [say(`${cards.length} request${cards.length === 1 ? ' is' : 's are'} waiting for your approval:`), ...cards];
};
