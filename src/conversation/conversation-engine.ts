import type { Reply } from '../messages/reply.js';
import type { Turn } from '../messages/turn.js';

/** The channel-neutral heart: a turn in, replies out. Channels depend on this and nothing deeper. */
export interface ConversationEngine {
  handle(turn: Turn): Promise<Reply[]>;
}
