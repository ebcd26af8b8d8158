import type { Reply } from '../../src/messages/reply.js';

type ChoicesReply = Extract<Reply, { kind: 'choices' }>;

/**
 * Up to this many options are buttons; more (every field of a long form, when the person asks
 * to change one) are a drop-down with one button, since Adaptive Card hosts show only a few
 * actions (five by default, six in Teams) and drop the rest. The drop-down's input is named
 * `value`, so its submit carries `{ action, value }` exactly as an option's button does.
 */
const buttonsUpTo = 5;

export function choicesCardData(reply: ChoicesReply): Record<string, unknown> {
  const options = reply.options.map((o) => ({ label: o.label, value: o.value }));
  const asList = options.length > buttonsUpTo;
  return {
    text: reply.text,
    actionId: reply.actionId,
    buttons: asList ? [] : options,
    list: asList ? options.map((o) => ({ title: o.label, value: o.value })) : null,
    described: reply.options.filter((o) => o.description).map((o) => ({ label: o.label, description: o.description })),
  };
}
