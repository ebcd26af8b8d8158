import type { Reply } from '../../src/conversation/reply.js';

type TextReply = Extract<Reply, { kind: 'text' }>;

export function textCardData(reply: TextReply): Record<string, unknown> {
  return { text: reply.text };
}
