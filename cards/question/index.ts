import type { QuestionInput, Reply } from '../../src/messages/reply.js';

type QuestionReply = Extract<Reply, { kind: 'question' }>;

/** Few options read best as radio buttons or checkboxes; many as a drop-down. */
const expandedUpTo = 5;

/** The channel-neutral data of the question card. */
export function questionCardData(reply: QuestionReply): Record<string, unknown> {
  const input = reply.input;
  return {
    fieldId: reply.fieldId,
    prompt: reply.prompt,
    help: reply.help ?? null,
    error: reply.error ?? null,
    canGoBack: reply.canGoBack,
    label: 'Your answer',
    input: input.type,
    value: valueFor(input, reply.value),
    multiline: input.type === 'text' ? input.multiline ?? false : false,
    placeholder: input.type === 'text' ? input.placeholder ?? null : null,
    required: input.type === 'text' ? input.required ?? false : false,
    regex: input.type === 'text' ? input.pattern ?? null : null,
    errorMessage: input.type === 'text' && (input.pattern || input.required) ? input.patternMessage ?? (input.pattern ? 'Please give an answer in the expected form' : 'An answer is needed') : null,
    min: input.type === 'number' || input.type === 'date' ? input.min ?? null : null,
    max: input.type === 'number' || input.type === 'date' ? input.max ?? null : null,
    multi: input.type === 'choice' ? input.multi ?? false : false,
    choiceStyle: input.type === 'choice' && input.options.length <= expandedUpTo ? 'expanded' : 'compact',
    choices: input.type === 'choice'
      ? input.options.map((o) => ({ title: o.description ? `${o.label} (${o.description})` : o.label, value: o.value }))
      : [],
  };
}

/** The prefilled answer in the form each input shows it. */
function valueFor(input: QuestionInput, value: unknown): string | number | null {
  if (value === undefined || value === null || value === '') return null;
  switch (input.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case 'choice':
      return Array.isArray(value) ? value.map(String).join(',') : String(value);
    case 'yes-no':
      return null;
    default:
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  }
}
