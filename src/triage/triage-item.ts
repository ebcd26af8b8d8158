import { z } from 'zod';
import type { ChannelName } from '../conversation/turn.js';

export const triageDialogSchema = z.object({ requestTypeId: z.string(), fields: z.record(z.string(), z.unknown()) });
export type TriageDialog = z.infer<typeof triageDialogSchema>;

export const triageResolutionSchema = z.union([
  z.strictObject({ intent: z.string().min(1).max(100) }),
  z.strictObject({ answer: z.string().trim().min(1).max(4000) }),
]);
export type TriageResolution = z.infer<typeof triageResolutionSchema>;

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
  status: 'open' | 'resolved';
  resolution?: TriageResolution;
  resolvedBy?: string;
  createdAt: string;
  resolvedAt?: string;
}
