import { handOff } from '../dialog-turns.js';
import type { IntentHandler } from './intent-handler.js';

export const agentIntent: IntentHandler = async (ctx, { text, candidates }) => handOff(ctx, text, candidates);
