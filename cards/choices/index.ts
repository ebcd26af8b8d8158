import type { Reply } from '../../src/messages/reply.js';

type ChoicesReply = Extract<Reply, { kind: 'choices' }>;

export function choicesCardData(reply: ChoicesReply): Record<string, unknown> {
  return {
    text: reply.text,
    actionId: reply.actionId,
    options: reply.options.map((o) => ({ label: o.label, value: o.value })),
    described: reply.options.filter((o) => o.description).map((o) => ({ label: o.label, description: o.description })),
  };
}
