import { z } from 'zod';
import { handOff } from '../dialog-turns.js';
import { runIntent } from '../run-intent.js';
import type { TurnHandler } from '../turn-context.js';
import { noneOfThese } from '../understand-text.js';

const pickValues = z.object({ intent: z.string().optional(), value: z.string().optional() }).loose();

/** A button from "did you mean" or from help: the picked intent runs on the original text. */
export const intentPickAction: TurnHandler = async (ctx) => {
  const parsed = pickValues.safeParse(ctx.turn.action?.values ?? {});
  const values = parsed.success ? parsed.data : {};
  const picked = values.intent ?? values.value ?? noneOfThese;
  const text = ctx.state.pendingPick?.text ?? '';
  const candidates = ctx.state.pendingPick?.candidates ?? [];
  if (picked === noneOfThese) return handOff(ctx, text || 'None of the suggestions fit', candidates);
  return runIntent(ctx, picked, text, candidates);
};
