import type { Intent } from '../../catalog/schema.js';
import type { RankedIntent } from '../engine-deps.js';
import type { Reply } from '../../messages/reply.js';
import type { TurnContext } from '../turn-context.js';

export interface IntentArgs {
  intent: Intent;
  /** The text that led here; request intents extract field values from it. */
  text: string;
  candidates: RankedIntent[];
  /** Answers carried over (from a triage hand-off). */
  known?: Record<string, unknown>;
}

export type IntentHandler = (ctx: TurnContext, args: IntentArgs) => Promise<Reply[]>;
