import type { Reply } from '../../src/messages/reply.js';

type TextReply = Extract<Reply, { kind: 'text' }>;

export function textCardData(reply: TextReply): Record<string, unknown> {
  return { text: reply.text };
}
