import { startDialog } from '../dialog-turns.js';
import { say } from '../turn-context.js';
import type { IntentHandler } from './intent-handler.js';

/** Starts the request type's dialog, prefilled with what the text already says ("I need Photoshop"). */
export const requestIntent: IntentHandler = async (ctx, { intent, text, known }) => {
  const requestType = intent.requestType ? ctx.deps.catalog.requestType(intent.requestType) : undefined;
  if (!requestType) return [say('That request is not in the catalog any more. Ask me for help to see what you can request.')];
  return startDialog(ctx, requestType, { text, ...(known ? { known } : {}) });
};
