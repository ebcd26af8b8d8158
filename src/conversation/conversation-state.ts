import { z } from 'zod';
import { dialogStateSchema, type DialogState } from '../dialog/dialog-state.js';
import { isSealed, UnreadableSealedValue, type FieldCipher } from '../request-records/sealed-values.js';

const transcriptLimit = 30;
const appliedLimit = 10;

/** The engine's memory of one channel conversation, stored as JSON and validated on read. */
export const conversationStateSchema = z.object({
  dialog: dialogStateSchema.optional(),
  /** The last "which did you mean?" question: the text it was about and the intents offered. */
  pendingPick: z.object({ text: z.string(), candidates: z.array(z.object({ intent: z.string(), confidence: z.number() })) }).optional(),
  /** Recent lines ("Employee: ...", "Frontdoor: ..."), handed to an agent with a triage item. */
  transcript: z.array(z.string()).default([]),
  /**
   * A service-desk agent has taken the conversation over: the employee's messages go to them
   * and are not classified; any dialog above is kept for the hand-back. `lines` is what both
   * sides said, for the triage item's transcript.
   */
  withAgent: z.object({
    triageId: z.string().min(1),
    agentId: z.string().min(1),
    agentName: z.string().min(1),
    since: z.number(),
    lines: z.array(z.string()).default([]),
  }).optional(),
  /** This conversation is the agent's side of a take-over (a thread in the agents' channel). */
  agentSide: z.object({ triageId: z.string().min(1) }).optional(),
  /** Delivery ids of the latest turns applied (Turn.deliveryId), so a redelivery is not applied again. */
  applied: z.array(z.string()).default([]),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

export const freshState = (): ConversationState => ({ transcript: [], applied: [] });

/** A row that no longer fits the schema starts the conversation afresh instead of failing the turn. */
export function parseConversationState(raw: unknown): { state: ConversationState; corrupt: boolean } {
  const parsed = conversationStateSchema.safeParse(raw);
  return parsed.success ? { state: parsed.data, corrupt: false } : { state: freshState(), corrupt: true };
}

/**
 * The state as it is stored: answers (and drafts) to the open form's sensitive fields are
 * sealed, so the database never holds them in clear; `openDialog` undoes it after reading.
 */
export function sealedState(state: ConversationState, sensitiveIds: readonly string[], cipher: FieldCipher): ConversationState {
  const dialog = state.dialog;
  if (!dialog || !sensitiveIds.length) return state;
  const seal = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values)
    .map(([id, v]) => [id, sensitiveIds.includes(id) && v !== null && v !== undefined && v !== '' ? cipher.seal(v) : v]));
  return { ...state, dialog: { ...dialog, answers: seal(dialog.answers), drafts: seal(dialog.drafts) } };
}

/** The stored form's sealed answers opened; one sealed with a key no longer configured is asked again. */
export function openDialog(state: ConversationState, cipher: FieldCipher): ConversationState {
  const dialog = state.dialog;
  if (!dialog) return state;
  const open = (values: DialogState['answers']) => Object.fromEntries(Object.entries(values).flatMap(([id, v]) => {
    if (!isSealed(v)) return [[id, v]];
    try {
      return [[id, cipher.open(v)]];
    } catch (error) {
      if (error instanceof UnreadableSealedValue) return [];
      throw error;
    }
  }));
  const answers = open(dialog.answers);
  return { ...state, dialog: { ...dialog, answers, drafts: open(dialog.drafts), asked: dialog.asked.filter((id) => id in answers || !(id in dialog.answers)) } };
}

export function remember(state: ConversationState, line: string): void {
  state.transcript.push(line.length > 500 ? `${line.slice(0, 497)}...` : line);
  if (state.transcript.length > transcriptLimit) state.transcript.splice(0, state.transcript.length - transcriptLimit);
}

export function markApplied(state: ConversationState, deliveryId: string | undefined): void {
  if (!deliveryId) return;
  state.applied.push(deliveryId);
  if (state.applied.length > appliedLimit) state.applied.splice(0, state.applied.length - appliedLimit);
}

export function conversationKey(channel: string, conversationId: string): string {
  return `${channel}:${conversationId}`;
}
