import { z } from 'zod';

/** Where the agent talks during a take-over, when it is a thread of a channel (Slack: channel id + thread ts). */
export const agentThreadSchema = z.object({
  channel: z.string().min(1),
  /** The engine's conversation id of the thread. */
  conversationId: z.string().min(1),
  channelId: z.string().min(1),
  ts: z.string().min(1),
});
export type AgentThread = z.infer<typeof agentThreadSchema>;
