import type { Reply } from '../messages/reply.js';
import type { RequestForm } from '../messages/request-form.js';
import type { ChannelName, Turn } from '../messages/turn.js';

/** The channel-neutral heart: a turn in, replies out. Channels depend on this and nothing deeper. */
export interface ConversationEngine {
  handle(turn: Turn): Promise<Reply[]>;
}

/** What a channel with a form view asks of the engine: the form a conversation is filling in, if any. */
export interface FormsInProgress {
  formInProgress(channel: ChannelName, conversationId: string): Promise<RequestForm | undefined>;
}

/**
 * What a channel that keeps what people type asks first: whether the conversation's open
 * question asks for a sensitive answer, so the answer is stored masked.
 */
export interface SensitiveQuestions {
  awaitsSensitiveAnswer(channel: ChannelName, conversationId: string): Promise<boolean>;
}
