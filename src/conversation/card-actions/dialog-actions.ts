import { z } from 'zod';
import { cancelDialog, continueDialog } from '../dialog-turns.js';
import { say, type TurnHandler } from '../turn-context.js';

/** The question card submits its input as `answer`; other channels may send `value`. */
const answerValues = z.object({ fieldId: z.string().optional(), answer: z.unknown().optional(), value: z.unknown().optional() }).loose();
const changeValues = z.object({ fieldId: z.string().optional(), value: z.string().optional() }).loose();

const noForm = [say('That form is no longer open. What can I help you with?')];

export const answerAction: TurnHandler = async (ctx) => {
  if (!ctx.state.dialog) return noForm;
  const parsed = answerValues.safeParse(ctx.turn.action?.values ?? {});
  const values = parsed.success ? parsed.data : {};
  return (await continueDialog(ctx, { kind: 'answer', value: values.answer ?? values.value, ...(values.fieldId ? { fieldId: values.fieldId } : {}) })).replies;
};

export const confirmAction: TurnHandler = async (ctx) => ctx.state.dialog ? (await continueDialog(ctx, { kind: 'confirm' })).replies : noForm;

export const backAction: TurnHandler = async (ctx) => ctx.state.dialog ? (await continueDialog(ctx, { kind: 'back' })).replies : noForm;

export const changeAction: TurnHandler = async (ctx) => {
  if (!ctx.state.dialog) return noForm;
  const parsed = changeValues.safeParse(ctx.turn.action?.values ?? {});
  const values = parsed.success ? parsed.data : {};
  const fieldId = values.fieldId ?? values.value;
  return (await continueDialog(ctx, { kind: 'change', ...(fieldId ? { fieldId } : {}) })).replies;
};

export const cancelAction: TurnHandler = async (ctx) => cancelDialog(ctx);
