import { z } from 'zod';
import type { ChannelName } from '../messages/turn.js';
import { agentThreadSchema } from '../messages/agent-thread.js';

export { agentThreadSchema, type AgentThread } from '../messages/agent-thread.js';

export const triageDialogSchema = z.object({ requestTypeId: z.string(), fields: z.record(z.string(), z.unknown()) });
export type TriageDialog = z.infer<typeof triageDialogSchema>;

export const triageResolutionSchema = z.union([
  z.strictObject({ intent: z.string().min(1).max(100) }),
  z.strictObject({ answer: z.string().trim().min(1).max(4000) }),
]);
export type TriageResolution = z.infer<typeof triageResolutionSchema>;


/** Stored as the item's resolution when an agent takes the conversation over instead of resolving it. */
export const takeOverResolutionSchema = z.strictObject({
  takenOver: z.object({ agentId: z.string().min(1), agentName: z.string().min(1), at: z.number(), thread: agentThreadSchema.optional() }),
});
export type TakeOverResolution = z.infer<typeof takeOverResolutionSchema>;

export const storedResolutionSchema = z.union([triageResolutionSchema, takeOverResolutionSchema]);
export type StoredResolution = z.infer<typeof storedResolutionSchema>;

/** A message the engine could not place, or a hand-off, waiting for a service-desk agent. */
export interface TriageItem {
  id: string;
  channel: ChannelName;
  conversationId: string;
  personId: string;
  text: string;
  candidates: Array<{ intent: string; confidence: number }>;
  transcript: string[];
  dialog?: TriageDialog;
  /** `taken`: an agent is talking with the employee; `resolved` once picked, answered or handed back. */
  status: 'open' | 'taken' | 'resolved';
  resolution?: StoredResolution;
  /** The agent who took the conversation over, while and after they talk with the employee. */
  takenBy?: string;
  /** Set once the agent handed the conversation back, with the intent they picked or the note they resolved it with, if any. */
  handedBack?: { at: string; intent?: string; note?: string };
  resolvedBy?: string;
  createdAt: string;
  resolvedAt?: string;
}
