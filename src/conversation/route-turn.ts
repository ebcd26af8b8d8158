import { cardActions } from './card-actions/index.js';
import { continueDialogWithText } from './continue-dialog.js';
import { say, type TurnHandler } from './turn-context.js';
import { understandText } from './understand-text.js';
import { employeeTurnWithAgent, routesAsUsualWithAgent } from './with-agent.js';

/**
 * Where a person's turn goes: to the agent who has the conversation, to the handler of the
 * card action clicked, to the open dialog, or to the classifier.
 */
export const routeTurn: TurnHandler = async (ctx) => {
  const { action, text } = ctx.turn;
  const withAgent = ctx.state.withAgent;
  if (withAgent && !routesAsUsualWithAgent(ctx)) return employeeTurnWithAgent(ctx, withAgent);
  if (action) {
    const handler = cardActions[action.id];
    return handler ? handler(ctx) : [say('I do not know that button. Please use the latest card.')];
  }
  const typed = text?.trim() ?? '';
  if (!typed) return ctx.state.dialog ? (await continueDialogWithText(ctx, '')) : [];
  return ctx.state.dialog ? continueDialogWithText(ctx, typed) : understandText(ctx, typed);
};
