import type { RankedIntent } from './engine-deps.js';
import { handOff } from './dialog-turns.js';
import { intentHandlers } from './intents/index.js';
import type { Reply } from '../messages/reply.js';
import type { TurnContext } from './turn-context.js';

/** Runs the handler for an intent id; an id the catalog no longer has goes to triage. */
export async function runIntent(ctx: TurnContext, intentId: string, text: string, candidates: RankedIntent[] = [], known?: Record<string, unknown>): Promise<Reply[]> {
  ctx.state.pendingPick = undefined;
  const intent = ctx.deps.catalog.intent(intentId);
  if (!intent) return handOff(ctx, text, candidates);
  // Answers carried over from a hand-off arrive sealed; the form being resumed needs them.
  return intentHandlers[intent.kind](ctx, { intent, text, candidates, ...(known ? { known: ctx.deps.fieldCipher.openAll(known) } : {}) });
}
